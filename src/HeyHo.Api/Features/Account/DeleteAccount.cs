using HeyHo.Api.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.EntityFrameworkCore.Models;

namespace HeyHo.Api.Features.Account;

public static class DeleteAccount
{
    public sealed record Request(string? Password);

    public sealed class Validator : JsonFieldValidator<Request>
    {
        public Validator() => RuleFor(r => r.Password).NotEmpty();
    }

    /// <summary>Deletes the user, their tokens and authorizations, and (by cascade) everything they synced, in one transaction.</summary>
    public static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult, ProblemHttpResult>> Handle(
        [FromBody] Request request, IValidator<Request> validator, ClaimsPrincipal caller, HeyHoDbContext db,
        SignInManager<AppUser> signIn, PasswordHashGate hashing, HttpContext http, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(request, ct);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (await signIn.UserManager.FindByIdAsync(caller.UserId()) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        using (var slot = await hashing.EnterAsync(ct))
        {
            if (slot is null)
            {
                return PasswordHashGate.Busy(http.Response);
            }
            if (!await PasswordCheck.IsCorrectAsync(signIn, user, request.Password!))
            {
                return Validation.Problem("password", PasswordCheck.Incorrect);
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<OpenIddictEntityFrameworkCoreToken>().Where(t => t.Subject == user.Id).ExecuteDeleteAsync(ct);
        await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().Where(a => a.Subject == user.Id).ExecuteDeleteAsync(ct);
        await db.Users.Where(u => u.Id == user.Id).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
