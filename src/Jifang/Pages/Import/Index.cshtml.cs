using Jifang.Features.Identity;
using Jifang.Features.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Import;

/// <summary>/Import: upload a facts file, a CSV or an .xlsx workbook; without script the form posts here and the report is shown,
/// with script the page shows progress from the API's event stream (wwwroot-free: /js/import.js).</summary>
[Authorize(Policy = Policies.RegistryWrite)]
public sealed class IndexModel(Importer importer) : SignedInPageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Unit { get; set; }

    [BindProperty]
    public string? Division { get; set; }

    [BindProperty]
    public bool DryRun { get; set; }

    public ImportReport? Report { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>An empty template (/Import?handler=Template&amp;format=csv|xlsx), made from the importer's own columns.</summary>
    public IActionResult OnGetTemplate(string? format) => format switch
    {
        "csv" => File(ImportTemplates.Csv(), "text/csv; charset=utf-8", ImportTemplates.CsvName),
        "xlsx" => File(ImportTemplates.Xlsx(), ImportTemplates.XlsxType, ImportTemplates.XlsxName),
        _ => FormErrors.NotFoundPage("该模板"),
    };

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "请选择要导入的文件");
            return Page();
        }
        await using var stream = Upload.OpenReadStream();
        Report = await importer.ImportAsync(stream, Upload.FileName, new ImportOptions(Blank(Unit), Blank(Division), DryRun), null, ct);
        return Page();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
