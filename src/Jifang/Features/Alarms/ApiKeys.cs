using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Jifang.Data;
using Jifang.Features.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jifang.Features.Alarms;

/// <summary>A credential as intake needs it: whose it is, where its system is, and the hash its key must match.</summary>
public sealed record CredentialInfo(
    Guid Id, Guid SystemId, string SystemName, Guid SiteId, string SiteName, Guid UnitId, string DivisionCode, byte[] SecretHash,
    bool Revoked);

/// <summary>The keys systems post with: <c>jfk_{credential id, 32 hex}_{secret, 43 base64url characters}</c>.</summary>
public static class ApiKeys
{
    public const string Header = "X-Api-Key";
    private const string Prefix = "jfk_";

    /// <summary>A new secret and the key that carries it; only the hash of the secret is stored.</summary>
    public static (string Key, byte[] Hash) Create(Guid credentialId)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"{Prefix}{credentialId:N}_{secret}", Hash(secret));
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Splits a key into its credential id and secret; false for anything else.</summary>
    public static bool TryParse(string? key, out Guid id, out string secret)
    {
        id = Guid.Empty;
        secret = "";
        if (key is null || key.Length != Prefix.Length + 32 + 1 + 43 || !key.StartsWith(Prefix, StringComparison.Ordinal) || key[Prefix.Length + 32] != '_')
        {
            return false;
        }
        if (!Guid.TryParseExact(key.AsSpan(Prefix.Length, 32), "N", out id))
        {
            return false;
        }
        secret = key[(Prefix.Length + 33)..];
        return true;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// Checks the key of a request against the stored hash. Credentials are kept in memory once read (a minute at most, and
/// dropped at once when this process issues, rotates or revokes them), so that intake costs no database read.
/// </summary>
public sealed class ApiKeyCache(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, (CredentialInfo? Info, long LoadedAt)> _known = new();

    /// <summary>The credential a key belongs to, if the key is valid and not revoked.</summary>
    public async ValueTask<CredentialInfo?> AuthenticateAsync(string? key, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(key, out var id, out var secret))
        {
            return null;
        }
        if (!_known.TryGetValue(id, out var entry) || time.GetElapsedTime(entry.LoadedAt) > Fresh)
        {
            var loadedAt = time.GetTimestamp();
            entry = (await LoadAsync(id, ct), loadedAt);
            if (_known.Count > 500_000)
            {
                _known.Clear();
            }
            _known[id] = entry;
        }
        var info = entry.Info;
        if (info is null || info.Revoked)
        {
            return null;
        }
        return CryptographicOperations.FixedTimeEquals(ApiKeys.Hash(secret), info.SecretHash) ? info : null;
    }

    /// <summary>Forgets a credential, so that the next request reads it again (after issue, rotation, revocation).</summary>
    public void Invalidate(Guid id) => _known.TryRemove(id, out _);

    private async Task<CredentialInfo?> LoadAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        return await db.AlarmCredentials.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new CredentialInfo(c.Id, c.SystemId, c.System!.Name, c.System.SiteId, c.System.Site!.Name, c.System.Site.UnitId,
                c.System.Site.DivisionCode, c.SecretHash, c.RevokedAt != null || c.System.Archived || c.System.Site.Archived))
            .FirstOrDefaultAsync(ct);
    }
}
