using Jifang.Features.Compliance;

namespace Jifang.Features.Alarms;

/// <summary>An alert as the API and the consoles show it, with the article it rests on written out.</summary>
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
