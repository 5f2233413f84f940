using System.CommandLine;
using Jifang.Rules.Packs;

namespace Jifang.Cli;

/// <summary>The --packs option shared by the commands that read regulation packs.</summary>
internal static class PackOptions
{
    public static Option<string?> Create() => new("--packs")
    {
        Description = "条例数据包目录（默认：环境变量 JIFANG_PACKS，否则程序旁的 packs/）",
        HelpName = "DIR",
    };

    /// <summary>Loads the packs, or writes why not and returns null.</summary>
    public static PackSet? Load(string? directory, TextWriter error)
    {
        try
        {
            return PackSet.Load(directory ?? PackSet.DefaultDirectory());
        }
        catch (PackValidationException ex)
        {
            foreach (var e in ex.Errors)
            {
                error.WriteLine(e);
            }
            return null;
        }
    }
}
