using Jifang.Features.Filing;
using Jifang.Features.Identity;
using Jifang.Rules.Divisions;
using Jifang.Rules.Packs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Filings;

/// <summary>备案回执: the certificate of an accepted filing, printable (a print stylesheet) and as a .docx.</summary>
[Authorize(Policy = Policies.RegistryRead)]
public sealed class CertificateModel(FilingService filings, PackSet packs, DivisionSet divisions) : SignedInPageModel
{
    public FilingCertificateDto Certificate { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await FilingApi.CertificateOfAsync(id, filings, packs, divisions, ct) is not { } c)
        {
            return FormErrors.NotFoundPage("该备案回执");
        }
        Certificate = c;
        return Page();
    }
}
