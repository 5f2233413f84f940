using Jifang.Features.Identity;
using Jifang.Features.Records;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Projects;

// Project documents: who may upload which kind, and every view or download in the audit log with who and why.
public sealed partial class ProjectService
{
    /// <summary>Which parties may upload a kind of document.</summary>
    public static IReadOnlyList<string> UploadersOf(string type) => type switch
    {
        DocumentTypes.RiskLetter or DocumentTypes.CorrectionPledge or DocumentTypes.AcceptanceReport => [ProjectParties.Owner],
        DocumentTypes.Drawings => [ProjectParties.Owner, ProjectParties.Contractor],
        DocumentTypes.ReviewOpinion => [ProjectParties.Owner, ProjectParties.Police],
        DocumentTypes.TestReport => [ProjectParties.TestingAgency],
        _ => [ProjectParties.Owner, ProjectParties.Police, ProjectParties.TestingAgency, ProjectParties.Contractor, ProjectParties.Expert],
    };

    /// <summary>Stores an uploaded document of the project (type and size checked) and records who uploaded it, as whom.</summary>
    public async Task<ProjectOutcome> UploadAsync(BuildProject p, ProjectActor actor, string type, string fileName, string contentType, Stream content, long length, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(fileName);
        if (store.Problem(fileName, length) is { } problem)
        {
            return ProjectOutcome.Invalid("file", problem);
        }
        var basis = PackOf(p).Lifecycle?.Confidentiality?.ToString() ?? PackOf(p).Lifecycle?.Basis.ToString() ?? "";
        var parties = await PartiesAsync(p, actor, ct);
        var allowed = UploadersOf(type);
        var party = allowed.FirstOrDefault(parties.Contains);
        if (type == DocumentTypes.ReviewOpinion && party is not null && !Organizes(ReviewOrganizer(p), parties))
        {
            party = null;
        }
        if (party is null || p.State == ProjectStates.Withdrawn)
        {
            return await RefusedAsync(p, actor, Refuse(p, "不能上传",
                p.State == ProjectStates.Withdrawn ? "项目已撤回" : $"{DocumentTypes.Label(type)}由{string.Join("或", allowed.Select(ProjectParties.Label))}上传", basis), ct);
        }
        await using var stream = content;
        if (await store.SaveAsync(stream, ct) is not { } saved)
        {
            return ProjectOutcome.Invalid("file", $"文件超过 {Options.MaxDocumentBytes / 1024 / 1024} MB");
        }
        var name = Path.GetFileName(fileName);
        db.ProjectDocuments.Add(new ProjectDocument
        {
            ProjectId = p.Id, Type = type, FileName = RecordsApi.Truncate(name, 200), ContentType = RecordsApi.Truncate(contentType, 100),
            Size = saved.Size, Sha256 = saved.Sha256, UploadedAt = Now, UploadedBy = actor.Account, Party = party,
        });
        return await StepAsync(p, actor, party, ProjectActions.DocumentUploaded, p.State,
            $"{DocumentTypes.Label(type)}「{name}」（{saved.Size} 字节，SHA-256 {saved.Sha256}）", basis, ct);
    }

    /// <summary>
    /// A document's bytes for someone who may see the project (its parties and the police of its place), with the reason they
    /// gave; the view is in the audit log before the bytes are returned. Null when it is not the project's or no longer intact.
    /// </summary>
    public async Task<(ProjectDocument Document, byte[] Bytes)?> OpenAsync(BuildProject p, ProjectActor actor, Guid documentId, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(actor);
        var doc = await db.ProjectDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ProjectId == p.Id, ct);
        if (doc is null || await store.ReadAsync(doc.Sha256, ct) is not { } bytes)
        {
            return null;
        }
        var basis = PackOf(p).Lifecycle?.Confidentiality?.ToString();
        audit.Add("project.document-viewed", $"project:{p.Id}", p.DivisionCode, p.OwnerUnitId,
            RecordsApi.Truncate($"「{p.Name}」{DocumentTypes.Label(doc.Type)}「{doc.FileName}」：{actor.Name}（{Roles.Label(actor.Role)}）查看，理由：{reason}", 3900),
            basis is null ? null : $"{p.PackId} {basis}");
        await db.SaveChangesAsync(ct);
        await audit.FlushAsync();
        return (doc, bytes);
    }
}
