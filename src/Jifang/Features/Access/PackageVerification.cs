using Jifang.Data;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Access;

/// <summary>
/// Verifies an uploaded export package. A package is authentic when the platform issued exactly these bytes: its SHA-256 is
/// the one registered with a copy or retrieval. Nothing the file says is believed, or looked up, before that: a forged manifest
/// may name any registration of any jurisdiction, and an answer built from that registration told whoever uploaded it the
/// officers, the case and the request. So a forged or altered package is "not authentic" and nothing else; an authentic one is
/// answered with what the package itself carries (registration, request number, recipient, time, records), the audit receipt
/// of the copy (which names no one) and the checks of its watermark and records against the registry. Holding the genuine
/// package is what is verified, so the look-up of its registration ignores the caller's scope.
/// </summary>
public static class PackageVerification
{
    /// <summary>The largest package accepted for verification (the page's form and the API).</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    public const string TooLarge = "导出包不能超过 20 MB";

    public const string NotAuthentic = "不是平台出具的导出包：平台没有登记 SHA-256 与此文件相同的导出包（文件被改动过，或不是本平台导出的），因此不显示其中所称的任何登记";

    public static async Task<PackageVerificationDto> VerifyAsync(JifangDbContext db, byte[] bytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(bytes);
        var sha = AccessPackage.Sha256(bytes);
        var registration = await db.AccessRegistrations.IgnoreQueryFilters().AsNoTracking().Include(x => x.Request)
            .FirstOrDefaultAsync(x => x.PackageSha256 == sha, ct);
        if (registration is null)
        {
            return new PackageVerificationDto(sha, false, false, null, null, null, null, null, null, false, [], [NotAuthentic]);
        }
        var (manifest, watermark, problem) = AccessPackage.Read(bytes);
        if (manifest is null)
        {
            // The platform issued these bytes, yet they do not read as a package: only the receipt is shown.
            return new PackageVerificationDto(sha, false, true, null, null, null, null, registration.AuditIndex, registration.AuditLeafHash, false, [],
                [problem ?? "导出包无法读取"]);
        }
        var problems = new List<string>();
        // The registration as stored must still be the one the package states (a changed row shows here, without its values).
        var expected = AccessPackage.Watermark(registration.Recipient ?? "", registration.Request!.Number, registration.Id, registration.At);
        var watermarkMatches = string.Equals(watermark, expected, StringComparison.Ordinal) && manifest.Registration == registration.Id;
        if (!watermarkMatches)
        {
            problems.Add("导出包的水印或登记编号与平台登记不符");
        }
        var ids = manifest.Records.Select(r => r.Id).ToList();
        var known = await db.Records.IgnoreQueryFilters().AsNoTracking().Where(r => ids.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => (r.Sha256, r.SizeBytes), ct);
        var checks = manifest.Records.Select(r => new PackageRecordCheck(r.Id, r.Sha256,
            known.TryGetValue(r.Id, out var k) && k.Sha256 == r.Sha256 && k.SizeBytes == r.SizeBytes)).ToList();
        problems.AddRange(checks.Where(c => !c.Matches).Select(c => $"记录 {c.Id:D} 的 SHA-256 或大小与记录登记不符"));
        if (!registration.RecordIds.Order().SequenceEqual(ids.Order()))
        {
            problems.Add("包内记录清单与平台登记的记录不一致");
        }
        return new PackageVerificationDto(sha, problems.Count == 0, true, manifest.Registration, manifest.Request, manifest.Recipient, manifest.CreatedAt,
            registration.AuditIndex, registration.AuditLeafHash, watermarkMatches, checks, problems);
    }
}
