namespace Jifang.Rules.Vocabulary;

/// <summary>Site categories as a bit set: 128 bits, since the national regulation took the list past 64.</summary>
public static class CategoryBits
{
    public static UInt128 Of(SiteCategory category) => UInt128.One << (int)category;

    public static UInt128 Of(IEnumerable<SiteCategory> categories) =>
        categories?.Aggregate(UInt128.Zero, (mask, c) => mask | Of(c)) ?? throw new ArgumentNullException(nameof(categories));

    public static bool Any(UInt128 mask) => mask != UInt128.Zero;
}
