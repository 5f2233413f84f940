using Jifang.Features.Compliance;
using Jifang.Rules.Packs;
using Microsoft.Extensions.Options;

namespace Jifang.Features.Alarms;

/// <summary>What alarm networking decides, and where the law says so in each pack.</summary>
public enum AlarmDuty
{
    /// <summary>Report a confirmed alarm to the police at once: province-2012 14.2; nmg-2007 10.1 (the multi-level network).</summary>
    Report,
    /// <summary>Escalate through the multi-level alarm network: province-2012 10.2 (networking with the police); nmg-2007 10.1.</summary>
    Network,
    /// <summary>No unauthorised shut-down or obstruction: province-2012 17.1.2; nmg-2007 17.1.6.</summary>
    ShutDown,
    /// <summary>Keep the system running and effective (a flood): province-2012 14.1; nmg-2007 11.1.</summary>
    Operation,
}

/// <summary>A citation of a duty in the pack of a division, written out with its words (as findings are).</summary>
public sealed record DutyCitation(string PackId, CitationDto Citation)
{
    /// <summary>"province-2012 14.2": how steps and alerts store it.</summary>
    public string Stored => $"{PackId} {Citation.Cite}";

    /// <summary>
    /// "province-2012 14.2": how the audit log writes it too, in the same notation as findings' entries, so that the log's
    /// pages write every citation out the same way (《…》第十四条第二款 with its words).
    /// </summary>
    public string Audit => Stored;
}

/// <summary>Finds the article of a duty in the pack that governs a division (Compliance:Jurisdictions).</summary>
public sealed class AlarmLaw(PackSet packs, IOptions<ComplianceOptions> options)
{
    private static readonly Dictionary<(string Pack, AlarmDuty Duty), string> Places = new()
    {
        [("province-2012", AlarmDuty.Report)] = "14.2",
        [("province-2012", AlarmDuty.Network)] = "10.2",
        [("province-2012", AlarmDuty.ShutDown)] = "17.1.2",
        [("province-2012", AlarmDuty.Operation)] = "14.1",
        [("nmg-2007", AlarmDuty.Report)] = "10.1",
        [("nmg-2007", AlarmDuty.Network)] = "10.1",
        [("nmg-2007", AlarmDuty.ShutDown)] = "17.1.6",
        [("nmg-2007", AlarmDuty.Operation)] = "11.1",
    };

    public DutyCitation? For(string divisionCode, AlarmDuty duty)
    {
        var pack = ComplianceService.PackFor(packs, options.Value, divisionCode);
        return pack is not null && Places.TryGetValue((pack.Pack.Id, duty), out var place)
            ? new DutyCitation(pack.Pack.Id, FindingPresenter.Cite(pack.Pack, place))
            : null;
    }

    /// <summary>A stored citation ("province-2012 14.2") written out with its words, for the pages and the API.</summary>
    public DutyCitation? Present(string? stored)
    {
        if (stored is null || stored.Split(' ') is not [var packId, var place] || !packs.TryGet(packId, out var pack))
        {
            return null;
        }
        return new DutyCitation(packId, FindingPresenter.Cite(pack.Pack, place));
    }
}
