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
/// Checks the key of a request against the stored hash. Every credential is kept in memory: all of them are read at start
/// and again every minute in one query (so that intake costs no database read, even for 100,000 systems beating every
/// minute), a credential this process issues, rotates or revokes is dropped at once, and an unknown id is read on its own
/// (a credential made meanwhile). What another process changes, or an archived system or site, shows within the minute.
/// </summary>
public sealed partial class ApiKeyCache(IServiceScopeFactory scopes, TimeProvider time, ILogger<ApiKeyCache> log) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, CredentialInfo> _known = new();
    /// <summary>Ids found in no row, with when that was read: asked again after a minute.</summary>
    private readonly ConcurrentDictionary<Guid, long> _unknown = new();
    /// <summary>When this process last changed a credential: a refresh that read before then does not bring the old row back.</summary>
    private readonly ConcurrentDictionary<Guid, long> _changed = new();

    /// <summary>The credential a key belongs to, if the key is valid and not revoked.</summary>
    public async ValueTask<CredentialInfo?> AuthenticateAsync(string? key, CancellationToken ct)
    {
        if (!ApiKeys.TryParse(key, out var id, out var secret))
        {
            return null;
        }
        if (!_known.TryGetValue(id, out var info))
        {
            if (_unknown.TryGetValue(id, out var stamp) && time.GetElapsedTime(stamp) < Refresh)
            {
                return null;
            }
            var loaded = await LoadAsync(q => q.Where(c => c.Id == id), ct);
            if (loaded.Count == 0)
            {
                if (_unknown.Count > 100_000)
                {
                    _unknown.Clear();
                }
                _unknown[id] = time.GetTimestamp();
                return null;
            }
            info = _known[id] = loaded[0];
        }
        if (info.Revoked)
        {
            return null;
        }
        return CryptographicOperations.FixedTimeEquals(ApiKeys.Hash(secret), info.SecretHash) ? info : null;
    }

    /// <summary>Forgets a credential, so that the next request reads it again (after issue, rotation, revocation).</summary>
    public void Invalidate(Guid id)
    {
        _changed[id] = time.GetTimestamp();
        _known.TryRemove(id, out _);
        _unknown.TryRemove(id, out _);
    }

    /// <summary>Reads every credential again, in one query.</summary>
    public async Task<int> RefreshAsync(CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        var all = await LoadAsync(q => q, ct);
        var seen = new HashSet<Guid>();
        foreach (var c in all)
        {
            seen.Add(c.Id);
            if (_changed.TryGetValue(c.Id, out var changed) && changed >= started)
            {
                _known.TryRemove(c.Id, out _);
                continue;
            }
            _known[c.Id] = c;
        }
        foreach (var (id, changed) in _changed)
        {
            if (changed < started)
            {
                _changed.TryRemove(id, out _);
            }
        }
        foreach (var id in _known.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _known.TryRemove(id, out _);
        }
        _unknown.Clear();
        return all.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Refresh, time);
        try
        {
            do
            {
                try
                {
                    await RefreshAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRefreshFailed(log, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<List<CredentialInfo>> LoadAsync(Func<IQueryable<AlarmCredential>, IQueryable<AlarmCredential>> filter, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JifangDbContext>();
        db.Scope = Scope.All;
        return await filter(db.AlarmCredentials.IgnoreQueryFilters().AsNoTracking())
            .Select(c => new CredentialInfo(c.Id, c.SystemId, c.System!.Name, c.System.SiteId, c.System.Site!.Name, c.System.Site.UnitId,
                c.System.Site.DivisionCode, c.SecretHash, c.RevokedAt != null || c.System.Archived || c.System.Site.Archived))
            .ToListAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "报警联网凭据刷新失败")]
    private static partial void LogRefreshFailed(ILogger logger, Exception e);
}
