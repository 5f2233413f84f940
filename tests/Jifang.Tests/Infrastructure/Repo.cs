namespace Jifang.Tests.Infrastructure;

/// <summary>Paths in the repository.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Packs => Path.Combine(Root, "packs");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Jifang.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("找不到仓库根目录（Jifang.slnx）");
    }
}
