using Jifang.Features.Identity;
using Jifang.Rules.Divisions;

namespace Jifang.Pages;

/// <summary>A group of the division picker: a city with the counties offered in it (and the city and its province themselves, for a police jurisdiction).</summary>
public sealed record DivisionGroup(string Label, IReadOnlyList<Division> Options);

/// <summary>
/// The division picker (_DivisionSelect): a county chosen by its name from a list grouped by province and city, instead of a
/// typed code (issue 10). Police are offered the counties of their jurisdiction, everyone else every county the platform
/// knows; a current value outside the list (a code of an earlier version) stays offered, so that editing never changes it
/// by surprise.
/// </summary>
public sealed record DivisionSelect(string Name, string? Selected, bool Required = true, bool AnyLevel = false)
{
    public string Id => Name.Replace('.', '_');

    /// <summary>
    /// The groups offered; with <paramref name="anyLevel"/> (a police officer's jurisdiction) each group begins with its
    /// province and city where they lie within the scope.
    /// </summary>
    public static IReadOnlyList<DivisionGroup> Groups(DivisionSet divisions, Scope scope, bool anyLevel)
    {
        ArgumentNullException.ThrowIfNull(divisions);
        ArgumentNullException.ThrowIfNull(scope);
        var prefix = scope.IsPolice ? scope.DivisionPrefix ?? "" : "";
        var groups = Groups(divisions, scope);
        if (!anyLevel)
        {
            return groups;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return groups.Select(g =>
        {
            var city = divisions.Find(g.Options[0].ParentCode)!;
            var province = divisions.Find(city.ParentCode)!;
            var above = new[] { province, city }.Where(d => DivisionFilter.PrefixOf(d).StartsWith(prefix, StringComparison.Ordinal) && seen.Add(d.Code));
            return g with { Options = above.Concat(g.Options).ToList() };
        }).ToList();
    }

    public static IReadOnlyList<DivisionGroup> Groups(DivisionSet divisions, Scope scope)
    {
        ArgumentNullException.ThrowIfNull(divisions);
        ArgumentNullException.ThrowIfNull(scope);
        var prefix = scope.IsPolice ? scope.DivisionPrefix ?? "" : "";
        var groups = new List<DivisionGroup>();
        foreach (var province in divisions.Provinces)
        {
            foreach (var city in divisions.Children(province.Code))
            {
                var counties = divisions.Children(city.Code)
                    .Where(c => c.Code.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(c.Code, StringComparison.Ordinal)).ToList();
                if (counties.Count > 0)
                {
                    groups.Add(new DivisionGroup($"{province.Name} · {city.Name}", counties));
                }
            }
        }
        return groups;
    }
}

/// <summary>An entry of the division filter: a province, city or county by the prefix its codes share ("15", "1501", "150102").</summary>
public sealed record DivisionFilterOption(string Prefix, string Name, int Level);

/// <summary>
/// The division filter (_DivisionFilter) of the lists and the dashboard: a province, city or county chosen by name, sent as
/// the code prefix the lists already take. Police are offered their jurisdiction and what is below it.
/// </summary>
public sealed record DivisionFilter(string Name, string? Selected, string Label = "行政区划")
{
    public string Id => Name.Replace('.', '_');

    public static string PrefixOf(Division division) => division.Level switch
    {
        Division.Province => division.Code[..2],
        Division.City => division.Code[..4],
        _ => division.Code,
    };

    public static IReadOnlyList<DivisionFilterOption> Options(DivisionSet divisions, Scope scope)
    {
        ArgumentNullException.ThrowIfNull(divisions);
        ArgumentNullException.ThrowIfNull(scope);
        var within = scope.IsPolice ? scope.DivisionPrefix ?? "" : "";
        var options = new List<DivisionFilterOption>();
        void Add(Division d)
        {
            var prefix = PrefixOf(d);
            if (prefix.StartsWith(within, StringComparison.Ordinal))
            {
                options.Add(new DivisionFilterOption(prefix, d.Name, d.Level));
            }
            if (prefix.StartsWith(within, StringComparison.Ordinal) || within.StartsWith(prefix, StringComparison.Ordinal))
            {
                foreach (var child in divisions.Children(d.Code))
                {
                    Add(child);
                }
            }
        }
        foreach (var province in divisions.Provinces)
        {
            Add(province);
        }
        return options;
    }
}
