using Jifang.Features.Identity;
using Jifang.Features.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jifang.Pages.Users;

/// <summary>新建用户: the same administration as POST /api/users; the initial password is shown once, on the answer.</summary>
[Authorize(Policy = Policies.Supervise)]
public sealed class CreateModel(UserAdministration admin) : UserFormPage(admin)
{
    /// <summary>The account just created and its password, shown once.</summary>
    public UserWithPassword? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadChoicesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var unit = ReadUnit();
        var party = ReadParty();
        if (ModelState.IsValid)
        {
            switch ((await Admin.CreateAsync(Input.ToCreation(unit, party), ct)).Result)
            {
                case Created<UserWithPassword> created:
                    Created = created.Value;
                    Input = new UserForm();
                    break;
                case ValidationProblem invalid:
                    ModelState.AddApiErrors(invalid);
                    break;
                case ProblemHttpResult refused:
                    ModelState.AddProblem(refused);
                    break;
            }
        }
        await LoadChoicesAsync(ct);
        return Page();
    }
}
