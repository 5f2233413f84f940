namespace Jifang.Rules.Facts;

/// <summary>Receives the facts as the reader streams them, one site, act or request at a time.</summary>
public interface IFactsSink
{
    void Regulation(string id);
    void AsOf(DateOnly value);
    void Site(SiteFacts site);
    void Act(ActFacts act);
    void Request(AccessRequestFacts request);
}
