using Jifang.Rules.Vocabulary;

namespace Jifang.Rules.Facts;

/// <summary>
/// Ids and references across the file: site, act and request ids are unique; an act or request
/// names a site and a system that exist. References are checked at the end, since acts may come
/// before the sites they name.
/// </summary>
internal sealed class FactsReferences(FactsProblems problems)
{
    private readonly Dictionary<string, string> _sitePaths = new(StringComparer.Ordinal);
    private readonly HashSet<(string Site, string System)> _systems = [];
    /// <summary>How many sites have a system of this id (to resolve a system named without its site).</summary>
    private readonly Dictionary<string, int> _systemCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _actPaths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _requestPaths = new(StringComparer.Ordinal);
    private readonly List<(string Path, string? Site, string? System)> _references = [];

    public bool AddSite(SiteFacts site, string path)
    {
        if (!_sitePaths.TryAdd(site.Id, path))
        {
            problems.Error($"{path}.id", $"场所标识 \"{site.Id}\" 与 {_sitePaths[site.Id]} 重复");
            return false;
        }
        foreach (var system in site.Systems)
        {
            _systems.Add((site.Id, system.Id));
            _systemCounts[system.Id] = _systemCounts.GetValueOrDefault(system.Id) + 1;
        }
        return true;
    }

    public bool AddAct(ActFacts act, string path)
    {
        if (!_actPaths.TryAdd(act.Id, path))
        {
            problems.Error($"{path}.id", $"行为标识 \"{act.Id}\" 与 {_actPaths[act.Id]} 重复");
            return false;
        }
        _references.Add((path, act.SiteId, act.SystemId));
        return true;
    }

    public bool AddRequest(AccessRequestFacts request, string path)
    {
        if (!_requestPaths.TryAdd(request.Id, path))
        {
            problems.Error($"{path}.id", $"申请标识 \"{request.Id}\" 与 {_requestPaths[request.Id]} 重复");
            return false;
        }
        _references.Add((path, request.SiteId, request.SystemId));
        return true;
    }

    public void CheckAll()
    {
        foreach (var (path, site, system) in _references)
        {
            if (site is not null && !_sitePaths.ContainsKey(site))
            {
                var hint = NearMiss.Closest(site, _sitePaths.Keys.Take(10_000)) is { } s ? $"（是否应为 \"{s}\"？）" : "";
                problems.Error($"{path}.siteId", $"没有场所 \"{site}\"{hint}");
                continue;
            }
            if (system is null)
            {
                continue;
            }
            if (site is not null)
            {
                if (!_systems.Contains((site, system)))
                {
                    problems.Error($"{path}.systemId", $"场所 \"{site}\" 没有系统 \"{system}\"");
                }
            }
            else
            {
                switch (_systemCounts.GetValueOrDefault(system))
                {
                    case 0:
                        problems.Error($"{path}.systemId", $"没有系统 \"{system}\"");
                        break;
                    case > 1:
                        problems.Error($"{path}.systemId", $"多个场所都有系统 \"{system}\"，请同时给出 siteId");
                        break;
                    default:
                        break;
                }
            }
        }
    }
}
