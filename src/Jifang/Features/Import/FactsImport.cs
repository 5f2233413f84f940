using System.Collections.Frozen;
using Jifang.Features.Registry;
using Jifang.Rules.Facts;
using Jifang.Rules.Vocabulary;
using Jifang.Rules.Text;

namespace Jifang.Features.Import;

/// <summary>
/// Reads a facts file of the judging contract into an import plan through Jifang.Rules' <see cref="FactsReader"/>, so a
/// file is rejected here for exactly the path-named reasons <c>jifang check</c> gives. The contract carries no names for
/// systems, devices and contractors: systems and devices are named by their ids, contractors by their role.
/// </summary>
internal static class FactsImport
{
    private static readonly FrozenDictionary<string, string> SiteRenames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DivisionCode"] = "--division",
        ["UnitId"] = "--unit",
        ["UnitName"] = "--unit",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> SystemRenames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Name"] = "id",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> DeviceRenames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Name"] = "id",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> ActRenames = FrozenDictionary<string, string>.Empty;

    public static void Read(Stream json, ImportPlan plan)
    {
        var problems = new FactsProblems();
        var sink = new Sink();
        new FactsReader(sink, problems).Read(json);
        foreach (var error in problems.Errors)
        {
            var colon = error.IndexOf(": ", StringComparison.Ordinal);
            plan.Errors.Add(colon > 0 ? new ImportError(null, null, null, error[..colon], error[(colon + 2)..]) : ImportError.General(error));
        }
        if (problems.Truncated)
        {
            plan.Errors.Add(ImportError.General($"……问题超过 {FactsProblems.MaxErrors} 处，其余未列出"));
        }
        plan.Warnings.AddRange(problems.Warnings);
        if (problems.HasErrors)
        {
            return;
        }
        plan.Regulation = sink.RegulationId;
        if (sink.AsOfSeen)
        {
            plan.Warnings.Add("asOf: 导入时不采用文件的评判日期；平台按今天评判登记的场所");
        }
        if (sink.Requests > 0)
        {
            plan.Warnings.Add($"accessRequests: 平台不登记查阅申请，{sink.Requests} 项未导入");
        }

        var sites = new Dictionary<string, SitePlan>(StringComparer.Ordinal);
        for (var i = 0; i < sink.Sites.Count; i++)
        {
            var site = ToPlan(sink.Sites[i], $"sites[{i}]", plan);
            sites[sink.Sites[i].Id] = site;
            plan.Sites.Add(site);
        }
        for (var i = 0; i < sink.Acts.Count; i++)
        {
            var act = sink.Acts[i];
            var path = $"acts[{i}]";
            // The reader has checked that a named site and system exist; the registry also needs the site of an act.
            var site = act.SiteId is { } siteId ? sites[siteId]
                : act.SystemId is { } systemId ? sites.Values.FirstOrDefault(s => s.Systems.Any(x => x.Key == systemId))
                : null;
            if (site is null)
            {
                plan.Errors.Add(new ImportError(null, null, null, $"{path}.siteId", "导入登记时行为必须属于一个场所：请给出 siteId（或 systemId）"));
                continue;
            }
            var system = act.SystemId is { } sid ? site.Systems.First(s => s.Key == sid) : null;
            var request = new ActRequest(Vocab.ActKinds.Code(act.Kind), act.Date, act.Actor is { } a ? Vocab.ActorKinds.Code(a) : null,
                act.Authorized, act.SeriousConsequences, system?.Id, null);
            site.Acts.Add(new ActPlan { Origin = new JsonOrigin(path, ActRenames), Request = request, SystemKey = system?.Key });
        }
    }

    /// <summary>A free-text string of the file through the text rule (<see cref="PlainText"/>): the value, or null when refused
    /// (reported at its path; what a validator then says of the missing value there is not).</summary>
    private static string? Admit(string? value, string path, int maxLength, ImportPlan plan, string? alsoAt = null)
    {
        if (value is null || PlainText.Problem(value, false, maxLength) is not { } problem)
        {
            return value;
        }
        plan.Refuse(new ImportError(null, null, null, path, problem));
        if (alsoAt is not null)
        {
            plan.Refused.Add((null, null, null, alsoAt));
        }
        return null;
    }

    private static SitePlan ToPlan(SiteFacts facts, string path, ImportPlan plan)
    {
        var site = new SitePlan
        {
            Origin = new JsonOrigin(path, SiteRenames),
            Code = facts.Id,
            // A site without a name is named by its id: a refused id leaves it without a name, not with a second complaint.
            Name = facts.Name is { } name ? Admit(name, $"{path}.name", Sheets.Name, plan) : Admit(facts.Id, $"{path}.id", Sheets.Name, plan, $"{path}.name"),
            Categories = facts.CategoryList.Select(Vocab.SiteCategories.Code).ToList(),
            Parts = Vocab.Parts.Values.Where(p => (facts.Parts & (1 << (int)p)) != 0).Select(Vocab.Parts.Code).ToList(),
            PublicArea = facts.Flags.HasFlag(SiteFlag.PublicArea),
            Large = facts.Flags.HasFlag(SiteFlag.Large),
            Urban = facts.Flags.HasFlag(SiteFlag.Urban),
            InvolvesStateSecrets = facts.Flags.HasFlag(SiteFlag.InvolvesStateSecrets),
            HoldsImportantItems = facts.Flags.HasFlag(SiteFlag.HoldsImportantItems),
            NonPublicPlace = facts.Flags.HasFlag(SiteFlag.NonPublicPlace),
        };
        for (var j = 0; j < facts.Systems.Count; j++)
        {
            var s = facts.Systems[j];
            var request = new SystemRequest(
                Admit(s.Id, $"{path}.systems[{j}].id", Sheets.Name, plan),
                Vocab.Subsystems.Values.Where(v => v != Subsystem.None && s.Subsystems.HasFlag(v)).Select(Vocab.Subsystems.Code).ToList(),
                Vocab.Parts.Values.Where(p => (s.Covers & (1 << (int)p)) != 0).Select(Vocab.Parts.Code).ToList(),
                s.NewConstruction,
                s.DesignReview.Held || s.DesignReview.Organizer is not null
                    ? new StepRequest(s.DesignReview.Held, s.DesignReview.Organizer is { } o ? Vocab.Organizers.Code(o) : null, false, false, false, s.DesignReview.Date)
                    : null,
                s.Inspection.Held ? new StepRequest(true, null, s.Inspection.AgencyQualified, s.Inspection.Passed, false, s.Inspection.Date) : null,
                s.Acceptance.Held ? new StepRequest(true, null, false, s.Acceptance.Passed, s.Acceptance.PoliceParticipated, s.Acceptance.Date) : null,
                s.InService, s.InterfaceReserved, s.AlarmNetworked, s.RetentionDays, s.PersonnelTrained,
                s.Products.Select((p, k) => new ProductRequest(Admit(p.Model, $"{path}.systems[{j}].products[{k}].model", Sheets.ModelLength, plan), null, p.InCatalog, p.MeetsStandard)).ToList(),
                s.Contractors.Select(c => new ContractorRequest(
                    Sheets.RoleLabels.TryGetValue(c.Role, out var label) ? $"{label}单位（事实文件未给出名称）" : c.Role, c.Role, c.Qualified)).ToList(),
                SignagePosted: s.SignagePosted);
            site.Systems.Add(new SystemPlan { Origin = new JsonOrigin($"{path}.systems[{j}]", SystemRenames), Key = s.Id, Request = request });
        }
        for (var k = 0; k < facts.Devices.Count; k++)
        {
            var d = facts.Devices[k];
            var system = d.SystemId is { } sid ? site.Systems.First(s => s.Key == sid) : null;
            var request = new DeviceRequest(Admit(d.Id, $"{path}.devices[{k}].id", Sheets.Name, plan), "", system?.Id,
                Vocab.Captures.Values.Where(v => v != Capture.None && d.Captures.HasFlag(v)).Select(Vocab.Captures.Code).ToList(),
                Vocab.Zones.Code(d.Zone));
            site.Devices.Add(new DevicePlan { Origin = new JsonOrigin($"{path}.devices[{k}]", DeviceRenames), Request = request, SystemKey = system?.Key });
        }
        return site;
    }

    /// <summary>Collects what the reader streams; the facts are small enough per file to hold (the reader bounds each element).</summary>
    private sealed class Sink : IFactsSink
    {
        public List<SiteFacts> Sites { get; } = [];
        public List<ActFacts> Acts { get; } = [];
        public int Requests { get; private set; }
        public string? RegulationId { get; private set; }
        public bool AsOfSeen { get; private set; }

        public void Regulation(string id) => RegulationId = id;

        public void AsOf(DateOnly value) => AsOfSeen = true;

        public void Site(SiteFacts site) => Sites.Add(site);

        public void Act(ActFacts act) => Acts.Add(act);

        public void Request(AccessRequestFacts request) => Requests++;
    }
}
