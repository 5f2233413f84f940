using Jifang.Features.Registry;
using Jifang.Rules.Vocabulary;

namespace Jifang.Pages;

/// <summary>How registry records read in Chinese on the pages: a system's build lifecycle, an act.</summary>
public static class RegistryText
{
    public static string DesignReview(SystemDto s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var r = s.DesignReview;
        return r.Held ? Join("已论证", r.Organizer is null ? null : "组织者：" + Labels.Of(Vocab.Organizers, r.Organizer), Labels.Date(r.Date)) : "未论证";
    }

    public static string Inspection(SystemDto s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var r = s.Inspection;
        return r.Held
            ? Join(r.Passed ? "检测通过" : "检测未通过", r.AgencyQualified ? "检测机构具备资质" : "检测机构不具备资质", Labels.Date(r.Date))
            : "未检测";
    }

    public static string Acceptance(SystemDto s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var r = s.Acceptance;
        return r.Held
            ? Join(r.Passed ? "验收合格" : "验收不合格", r.PoliceParticipated ? "公安机关参加" : "公安机关未参加", Labels.Date(r.Date))
            : "未验收";
    }

    public static string Act(ActDto a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return $"{Labels.Date(a.Date)} {Labels.Of(Vocab.ActKinds, a.Kind)}";
    }

    private static string Join(params string?[] parts) => string.Join("，", parts.Where(p => !string.IsNullOrEmpty(p)));
}
