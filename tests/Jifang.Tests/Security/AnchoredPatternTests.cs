using System.Text.RegularExpressions;
using Jifang.Tests.Infrastructure;

namespace Jifang.Tests.Security;

/// <summary>
/// An anchored pattern of the product ends in \z, not $: in .NET, $ also matches before a final line break, which let
/// "150102\n" pass as a division code (issue 9). Every regular expression literal under src/ that starts with ^ is read
/// from the source; none may end with $.
/// </summary>
public sealed partial class AnchoredPatternTests
{
    [GeneratedRegex("\"\\^(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex AnchoredLiteral();

    [Fact]
    public void No_anchored_pattern_in_the_product_ends_with_a_dollar()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Repo.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var literals = sources.SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .SelectMany(l => AnchoredLiteral().Matches(l.Text).Select(m => (l.File, l.Line, Literal: m.Value)))
            .ToList();
        Assert.True(literals.Count >= 5, $"only {literals.Count} anchored patterns found: the scan is broken");
        var dollar = literals.Where(l => l.Literal.EndsWith("$\"", StringComparison.Ordinal))
            .Select(l => $"{Path.GetRelativePath(Repo.Root, l.File)}:{l.Line} {l.Literal}").ToList();
        Assert.True(dollar.Count == 0, "anchored with $ (use \\z):\n" + string.Join("\n", dollar));
    }
}
