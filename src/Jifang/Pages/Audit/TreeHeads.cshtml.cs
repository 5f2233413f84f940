using Jifang.Data;
using Jifang.Features.Audit;
using Jifang.Features.Identity;
using Jifang.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Pages.Audit;

/// <summary>签名树头: the signed tree heads, their export, the public key, and a consistency proof between two of them.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class TreeHeadsModel(JifangDbContext db, AuditSigner signer, AuditLog log, AuditProofs proofs) : SignedInPageModel
{
    [BindProperty(SupportsGet = true)]
    public long? First { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Second { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public Page<SignedHeadDto> Heads { get; private set; } = null!;

    public string PublicKey { get; private set; } = "";

    public string KeyId { get; private set; } = "";

    public long LogSize { get; private set; }

    public ConsistencyProofDto? Consistency { get; private set; }

    public bool ConsistencyHolds { get; private set; }

    public string? Error { get; private set; }

    public int PageCount => Math.Max(1, (Heads.Total + Heads.PageSize - 1) / Heads.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        KeyId = signer.KeyId;
        PublicKey = Convert.ToBase64String(signer.PublicKey);
        Heads = await db.AuditTreeHeads.AsNoTracking().OrderByDescending(h => h.TreeSize).ToPageAsync(PageNumber, Paging.DefaultSize, h => SignedHeadDto.Of(h, KeyId), ct);
        LogSize = (await log.TreeAsync(ct)).Size;
        if (First is null && Second is null)
        {
            return;
        }
        if (First is not { } first || Second is not { } second || first < 0 || first > second || second > LogSize)
        {
            Error = $"请给出两个树大小：0 ≤ 较早 ≤ 较晚 ≤ {LogSize}";
            return;
        }
        Consistency = await proofs.ConsistencyAsync(first, second, ct);
        ConsistencyHolds = Merkle.VerifyConsistency(first, second, Convert.FromHexString(Consistency.FirstRoot), Convert.FromHexString(Consistency.SecondRoot),
            Consistency.Proof.Select(Convert.FromHexString).ToList());
    }

    public string PageHref(int page) => $"/Audit/TreeHeads?p={page.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
