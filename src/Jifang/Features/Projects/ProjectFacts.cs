using Jifang.Features.Registry;

namespace Jifang.Features.Projects;

/// <summary>
/// The lifecycle facts of a system a build project builds (<see cref="LifecycleSources.Project"/>) are the workflow's: a
/// registry change that would alter them is refused, naming each field, whoever sends it (the unit cannot mark its own
/// system reviewed, inspected, accepted or in service). A change that repeats them as they are passes (a form that posts
/// every field).
/// </summary>
public static class ProjectFacts
{
    public const string Locked = "由建设项目流程产生，不能直接修改：论证由组织者与专家办理，检测报告由受委托的检测机构提交，验收由建设单位会同公安机关签署，投入使用须验收合格";

    /// <summary>The fields of the request that would change a project system's lifecycle facts, with the reason; empty otherwise.</summary>
    public static Dictionary<string, string[]> Changed(SecuritySystem s, SystemRequest r)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(r);
        var errors = new Dictionary<string, string[]>();
        if (s.LifecycleSource != LifecycleSources.Project)
        {
            return errors;
        }
        void Check(bool changed, string field)
        {
            if (changed) { errors[field] = [Locked]; }
        }
        Check(r.NewConstruction != s.NewConstruction, "newConstruction");
        Check(r.DesignReview is { } d && (d.Held != s.DesignReviewHeld || d.Organizer != s.DesignReviewOrganizer || d.Date != s.DesignReviewDate), "designReview");
        Check(r.Inspection is { } i && (i.Held != s.InspectionHeld || i.AgencyQualified != s.InspectionAgencyQualified || i.Passed != s.InspectionPassed || i.Date != s.InspectionDate), "inspection");
        Check(r.Acceptance is { } a && (a.Held != s.AcceptanceHeld || a.Passed != s.AcceptancePassed || a.PoliceParticipated != s.AcceptancePoliceParticipated || a.Date != s.AcceptanceDate), "acceptance");
        Check(r.InService != s.InService || (r.InService && r.InServiceSince != s.InServiceSince), "inService");
        return errors;
    }

    /// <summary>A request with the project system's lifecycle facts as they stand (the pages' form shows them read-only).</summary>
    public static SystemRequest Keep(SecuritySystem s, SystemRequest r)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(r);
        if (s.LifecycleSource != LifecycleSources.Project)
        {
            return r;
        }
        // Only the lifecycle steps: the system's registry links need not be loaded.
        var (review, inspection, acceptance) = SystemsApi.StepsOf(s);
        return r with
        {
            NewConstruction = s.NewConstruction, DesignReview = review, Inspection = inspection, Acceptance = acceptance,
            InService = s.InService, InServiceSince = s.InServiceSince,
        };
    }
}
