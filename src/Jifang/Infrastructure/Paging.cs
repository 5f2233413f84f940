using Microsoft.EntityFrameworkCore;

namespace Jifang.Infrastructure;

/// <summary>列表的一页：每个列表都分页，并答复总条数</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

public static class Paging
{
    public const int DefaultSize = 20;
    public const int MaxSize = 200;

    /// <summary>The last page number asked for at face value: beyond it (page - 1) * size would overflow; such pages are empty anyway.</summary>
    public const int MaxPage = int.MaxValue / MaxSize;

    public static (int Page, int Size) Normalize(int? page, int? pageSize) =>
        (Math.Clamp(page ?? 1, 1, MaxPage), Math.Clamp(pageSize ?? DefaultSize, 1, MaxSize));

    public static async Task<Page<TOut>> ToPageAsync<TIn, TOut>(this IQueryable<TIn> query, int? page, int? pageSize, Func<TIn, TOut> map, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(map);
        var (p, size) = Normalize(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query.Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new Page<TOut>(items.Select(map).ToList(), total, p, size);
    }
}
