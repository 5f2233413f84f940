using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Compliance;
using Jifang.Features.Identity;
using Jifang.Rules.Packs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Pages.Audit;

/// <summary>One entry of the audit log with its inclusion proof: the audit path to a signed head, checked here as a reader would check it.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed partial class EntryModel(JifangDbContext db, AuditProofs proofs, AuditSigner signer, PackSet packs) : SignedInPageModel
{
    public AuditEntryDto Entry { get; private set; } = null!;

    public AuditProof? Proof { get; private set; }

    /// <summary>Whether the path leads from the leaf to the head's root.</summary>
    public bool PathHolds { get; private set; }

    /// <summary>Whether the head's signature holds under the platform's public key.</summary>
    public bool SignatureHolds { get; private set; }

    /// <summary>Whether the stored leaf hash is the hash of the entry's canonical bytes.</summary>
    public bool LeafHolds { get; private set; }

    public IReadOnlyList<CitationView> Citations { get; private set; } = [];

    /// <summary>The entry's subject and unit, named.</summary>
    public SubjectView Subject { get; private set; } = new("—", null);

    public string? UnitName { get; private set; }

    public string KeyId => signer.KeyId;

    public async Task<IActionResult> OnGetAsync(long index, CancellationToken ct)
    {
        var entry = await db.Audit.AsNoTracking().FirstOrDefaultAsync(e => e.Index == index, ct);
        if (entry is null)
        {
            return NotFound();
        }
        Entry = AuditApi.ToDto(entry);
        LeafHolds = entry.ComputeLeafHash().AsSpan().SequenceEqual(entry.LeafHash);
        Proof = await proofs.ProveAsync(index, db.Scope, null, ct);
        if (Proof is { } p)
        {
            PathHolds = p.PathHolds();
            SignatureHolds = AuditStatements.Verify(signer.PublicKey, p.Head.Statement(), Convert.FromBase64String(p.Head.Signature));
        }
        Citations = CitationsOf(entry.Citation);
        var names = await AuditSubjects.ResolveAsync(db, [entry.Subject], [entry.UnitId], ct);
        Subject = AuditSubjects.Show(entry.Subject, names);
        UnitName = entry.UnitId is { } unit && names.TryGetValue($"unit:{unit}", out var u) ? u.Label : entry.UnitId?.ToString();
        return Page();
    }

    /// <summary>
    /// "nmg-2007 9.2.3,9.3": the pack and its citations, written out with the words they point at. Entries of alarm steps
    /// written before the notation was one ("province-2012 art. 14 ¶2 item 2") are read too.
    /// </summary>
    private List<CitationView> CitationsOf(string? citation)
    {
        if (citation?.Split(' ', 2) is not [var packId, var places] || !packs.TryGet(packId, out var pack))
        {
            return [];
        }
        if (OldNotation().Match(places) is { Success: true } old)
        {
            places = old.Groups[1].Value + "." + old.Groups[2].Value + (old.Groups[3].Success ? "." + old.Groups[3].Value : "");
        }
        return places.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => new CitationView(packId, FindingPresenter.Cite(pack.Pack, c))).ToList();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^art\. (\d+) ¶(\d+)(?: item (\d+))?\z")]
    private static partial System.Text.RegularExpressions.Regex OldNotation();
}
