using Jifang.Data;
using Jifang.Features.Identity;
using Jifang.Features.Records;
using Jifang.Rules.Packs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jifang.Pages.Records;

/// <summary>每日覆盖情况: for one unit and day, the gaps in each stream's recorded time, the deletions, and the refused early deletions.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class CoverageModel(JifangDbContext db, PackSet packs, IOptions<RecordsOptions> options, TimeProvider time) : SignedInPageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Date { get; set; }

    public CoverageDto? Report { get; private set; }

    public string? Problem { get; private set; }

    public IReadOnlyList<Choice> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Units = (await db.Units.AsNoTracking().Where(u => !u.Archived).OrderBy(u => u.Name).Take(500).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            .Select(u => new Choice(u.Id.ToString(), u.Name)).ToList();
        Unit ??= db.Scope.UnitId;
        Date ??= DateOnly.FromDateTime(time.GetLocalNow().DateTime).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (Unit is not { } unit)
        {
            return Page();
        }
        switch ((await CoverageApi.Get(unit, Date, db, packs, options, time, ct)).Result)
        {
            case Ok<CoverageDto> ok:
                Report = ok.Value;
                break;
            case ValidationProblem invalid:
                Problem = string.Join("；", invalid.ProblemDetails.Errors.SelectMany(e => e.Value));
                break;
            default:
                return FormErrors.NotFoundPage("该单位");
        }
        return Page();
    }

    public static string Duration(int seconds) => seconds >= 3600 ? $"{seconds / 3600} 小时 {seconds % 3600 / 60} 分" : $"{seconds / 60} 分 {seconds % 60} 秒";
}
