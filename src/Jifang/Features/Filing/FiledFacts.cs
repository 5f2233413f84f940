using Jifang.Features.Registry;
using Jifang.Rules.Vocabulary;

namespace Jifang.Features.Filing;

/// <summary>备案的信息（第十四条第一款：单位基本情况、建设位置、图像采集设备数量及类型、视频图像信息存储期限）：平台依登记信息填写（第十四条第三款），单位确认；备案保存提交时的快照</summary>
/// <param name="UnitName">管理单位名称</param>
/// <param name="CreditCode">统一社会信用代码</param>
/// <param name="SiteName">场所名称</param>
/// <param name="DivisionCode">所在地行政区划代码（县级）</param>
/// <param name="Address">建设位置（场所地址）</param>
/// <param name="SystemName">系统名称</param>
/// <param name="DeviceCount">图像采集设备数量</param>
/// <param name="DeviceKinds">图像采集设备类型及各自数量，如“摄像机（视频）×3”</param>
/// <param name="RetentionDays">视频图像信息存储期限（日）</param>
/// <param name="InServiceSince">投入使用日期</param>
public sealed record FiledFacts(
    string UnitName, string? CreditCode, string SiteName, string DivisionCode, string Address, string SystemName,
    int DeviceCount, IReadOnlyList<string> DeviceKinds, int? RetentionDays, DateOnly? InServiceSince)
{
    /// <summary>Whether a system has a video subsystem: the systems the regulation's filing concerns.</summary>
    public static bool IsVideo(SecuritySystem system) => system?.Subsystems.Contains(Vocab.Subsystems.Code(Subsystem.Video)) == true;

    /// <summary>Whether a device captures images: a device with video among what it captures.</summary>
    public static bool CapturesImages(Device device) => device?.Captures.Contains(Vocab.Captures.Code(Capture.Video)) == true;

    /// <summary>The facts as the registry holds them now: the system's image-capture devices are those registered to it, not archived.</summary>
    public static FiledFacts FromRegistry(SecuritySystem system, Site site, Unit unit, IEnumerable<Device> devices)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(unit);
        var capturing = devices.Where(d => d.SystemId == system.Id && !d.Archived && CapturesImages(d)).ToList();
        var kinds = capturing
            .GroupBy(d => $"{(d.Kind.Length > 0 ? d.Kind : "图像采集设备")}（{string.Join("、", d.Captures.Order(StringComparer.Ordinal).Select(CaptureLabel))}）", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}×{g.Count()}")
            .ToList();
        return new FiledFacts(unit.Name, unit.CreditCode, site.Name, site.DivisionCode, site.Address, system.Name,
            capturing.Count, kinds, system.RetentionDays, system.InServiceSince);
    }

    public static FiledFacts Of(VideoFiling f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new FiledFacts(f.UnitName, f.CreditCode, f.SiteName, f.DivisionCode, f.Address, f.SystemName, f.DeviceCount, f.DeviceKinds,
            f.RetentionDays, f.InServiceSince);
    }

    /// <summary>Writes the facts into a filing (its snapshot).</summary>
    public void Into(VideoFiling f)
    {
        ArgumentNullException.ThrowIfNull(f);
        (f.UnitName, f.CreditCode, f.SiteName, f.DivisionCode, f.Address, f.SystemName) = (UnitName, CreditCode, SiteName, DivisionCode, Address, SystemName);
        (f.DeviceCount, f.DeviceKinds, f.RetentionDays, f.InServiceSince) = (DeviceCount, DeviceKinds.ToList(), RetentionDays, InServiceSince);
    }

    /// <summary>What differs from <paramref name="filed"/> (the accepted filing), one line per fact, in Chinese; empty when nothing does.</summary>
    public IReadOnlyList<string> ChangesSince(FiledFacts filed)
    {
        ArgumentNullException.ThrowIfNull(filed);
        var changes = new List<string>();
        void Compare(string label, string? was, string? now)
        {
            if (!string.Equals(was ?? "", now ?? "", StringComparison.Ordinal))
            {
                changes.Add($"{label}：{(string.IsNullOrEmpty(was) ? "（无）" : was)} → {(string.IsNullOrEmpty(now) ? "（无）" : now)}");
            }
        }
        Compare("管理单位", filed.UnitName, UnitName);
        Compare("统一社会信用代码", filed.CreditCode, CreditCode);
        Compare("场所名称", filed.SiteName, SiteName);
        Compare("所在地行政区划", filed.DivisionCode, DivisionCode);
        Compare("建设位置", filed.Address, Address);
        Compare("系统名称", filed.SystemName, SystemName);
        Compare("图像采集设备数量", filed.DeviceCount.ToString(System.Globalization.CultureInfo.InvariantCulture), DeviceCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare("图像采集设备类型", string.Join("、", filed.DeviceKinds), string.Join("、", DeviceKinds));
        Compare("存储期限（日）", filed.RetentionDays?.ToString(System.Globalization.CultureInfo.InvariantCulture), RetentionDays?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Compare("投入使用日期", filed.InServiceSince?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), InServiceSince?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return changes;
    }

    private static string CaptureLabel(string code) => Vocab.Captures.TryParse(code, out var c) ? Vocab.Captures.ShortLabel(c) : code;
}
