using Jifang.Features.Compliance;

namespace Jifang.Features.Alarms;

/// <summary>联网告警：接口与值班台所显示的，写明所依据的条款</summary>
public sealed record AlertDto(
    Guid Id, string Kind, string KindLabel, Guid SystemId, string SystemName, Guid SiteId, string SiteName, Guid UnitId, string DivisionCode,
    DateTime At, string Message, string? PackId, CitationDto? Citation, Guid? ActId, long? AuditIndex)
{
    public static AlertDto Of(AlarmAlert a, string siteName, string systemName, DutyCitation? citation)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.Kind, AlarmCodes.AlertLabel(a.Kind), a.SystemId, systemName, a.SiteId, siteName, a.UnitId, a.DivisionCode,
            AlarmDto.Utc(a.At), a.Message, citation?.PackId, citation?.Citation, a.ActId, a.AuditIndex);
    }
}
