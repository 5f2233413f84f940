namespace Jifang.Rules.Tests;

/// <summary>Paths in the repository and in shared/ beside it.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Packs => Path.Combine(Root, "packs");

    public static string PackTests => Path.Combine(Root, "packs", "tests");

    /// <summary>../shared beside the repository (the seeds and the contract).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

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
