using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jifang.Features.Records;
using Jifang.Features.Registry;

namespace Jifang.Features.Access;

public sealed record PackageRecord(Guid Id, string Site, string System, string? Device, string Kind, DateTime StartsAt, DateTime EndsAt, long SizeBytes, string Sha256, string StorageLocation);

public sealed record PackageSignature(string Role, string Who, string? Name, DateTime? At, string? Credential);

public sealed record PackageManifest(string Format, Guid Registration, string Request, string Action, DateTime CreatedAt, string Recipient, IReadOnlyList<PackageRecord> Records);

/// <summary>
/// The export package of a copy or retrieval (复制、调取): a zip with the records' SHA-256 manifest (manifest.json and a
/// SHA256SUMS file in sha256sum's format, for the files the unit hands over), the request, the signatures, and a watermark
/// line naming the recipient, so that a copy that leaks can be traced. The platform keeps the registry, not the footage:
/// the files themselves come from the unit's system, and the manifest is what proves them.
/// </summary>
public static class AccessPackage
{
    public const string Format = "jifang-access-package/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Watermark(string recipient, string requestNumber, Guid registration, DateTime at) =>
        string.Create(CultureInfo.InvariantCulture,
            $"本副本交付给：{recipient}；申请编号 {requestNumber}；登记编号 {registration:D}；生成时间 {at:yyyy-MM-ddTHH:mm:ssZ}。仅限依法办理的用途，不得买卖、传播、隐匿。");

    /// <summary>Builds the package's bytes. Deterministic: the same registration gives the same bytes.</summary>
    public static byte[] Build(AccessRequest request, Site site, IReadOnlyList<MediaRecord> records, Guid registration, DateTime at, string recipient, IReadOnlyList<PackageSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(records);
        var manifest = new PackageManifest(Format, registration, request.Number, request.Action, at, recipient,
            records.OrderBy(r => r.StartsAt).ThenBy(r => r.Id).Select(r => new PackageRecord(
                r.Id, site.Name, r.System?.Name ?? r.SystemId.ToString(), r.Device?.Name, r.Kind, r.StartsAt, r.EndsAt, r.SizeBytes, r.Sha256, r.StorageLocation)).ToList());
        var requestDoc = new
        {
            number = request.Number,
            requester = request.Requester,
            action = request.Action,
            site = new { id = site.Id, name = site.Name, divisionCode = site.DivisionCode, address = site.Address },
            caseNumber = request.CaseNumber,
            reason = request.Reason,
            fromTime = request.FromTime,
            toTime = request.ToTime,
            unitCertificate = request.UnitCertificate,
            citizen = request.Requester == "citizen" ? new { name = request.CitizenName, idNumber = IdentityNumbers.Mask(request.CitizenIdNumber) } : null,
        };
        var sums = new StringBuilder();
        foreach (var r in manifest.Records)
        {
            sums.Append(CultureInfo.InvariantCulture, $"{r.Sha256}  {r.Id:D}\n");
        }
        var stamp = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc));
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            Add(zip, "WATERMARK.txt", Watermark(recipient, request.Number, registration, at) + "\n", stamp);
            Add(zip, "manifest.json", JsonSerializer.Serialize(manifest, Json), stamp);
            Add(zip, "SHA256SUMS", sums.ToString(), stamp);
            Add(zip, "request.json", JsonSerializer.Serialize(requestDoc, Json), stamp);
            Add(zip, "signatures.json", JsonSerializer.Serialize(signatures, Json), stamp);
            Add(zip, "README.txt",
                "技防系统信息资料导出包\n\n"
                + "manifest.json：本包所列记录的元数据与 SHA-256；SHA256SUMS：可用 sha256sum -c 核对随包交付的文件（文件名为记录编号）。\n"
                + "request.json：申请；signatures.json：申请、会签、登记、同意、批准的人员与时间；WATERMARK.txt：接收人。\n"
                + "核验：将本 zip 文件原样提交至平台 POST /api/access-packages/verify（或“导出包核验”页面），平台比对其 SHA-256 与登记、审计日志及记录登记。\n", stamp);
        }
        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, string text, DateTimeOffset stamp)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = stamp;
        using var stream = entry.Open();
        var bytes = new UTF8Encoding(false).GetBytes(text);
        stream.Write(bytes);
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Reads a package's manifest and watermark, or says what is wrong with it.</summary>
    public static (PackageManifest? Manifest, string? Watermark, string? Problem) Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var manifestEntry = zip.GetEntry("manifest.json");
            if (manifestEntry is null)
            {
                return (null, null, "包中没有 manifest.json");
            }
            PackageManifest? manifest;
            using (var s = manifestEntry.Open())
            {
                manifest = JsonSerializer.Deserialize<PackageManifest>(s, Json);
            }
            string? watermark = null;
            if (zip.GetEntry("WATERMARK.txt") is { } w)
            {
                using var reader = new StreamReader(w.Open(), Encoding.UTF8);
                watermark = reader.ReadToEnd().Trim();
            }
            return manifest is null || manifest.Format != Format ? (null, watermark, "manifest.json 不是本平台导出包的格式") : (manifest, watermark, null);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or NotSupportedException or IOException)
        {
            return (null, null, "文件不是有效的导出包（zip）：" + e.Message);
        }
    }
}
