using HeyHo.Api.Auth;
using Microsoft.AspNetCore.Identity;

namespace HeyHo.Api.Features.Account;

public static class Register
{
    public sealed record Request(string? Email, string? Password, string? DisplayName);

    public sealed class Validator : JsonFieldValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Email).Storable().NotEmpty().MaximumLength(256).EmailAddress();
            RuleFor(r => r.Password).NotEmpty().Length(PasswordRules.MinLength, PasswordRules.MaxLength);
            RuleFor(r => r.DisplayName).Storable().MaximumLength(100);
        }
    }

    public static async Task<Results<Created<Profile>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, IValidator<Request> validator, UserManager<AppUser> users, TimeProvider clock,
        PasswordHashGate hashing, TypeAdapterConfig mappings, HttpContext http)
    {
        var validation = await validator.ValidateAsync(request);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var user = new AppUser
        {
            Email = request.Email,
            UserName = request.Email,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        using var slot = await hashing.EnterAsync(http.RequestAborted);
        if (slot is null)
        {
            return PasswordHashGate.Busy(http.Response);
        }

        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user, request.Password!);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // A concurrent registration of the same email (on this node or another) won the unique index between
            // Identity's duplicate check and this insert: the same answer as when the check catches it.
            if (await users.FindByEmailAsync(request.Email!) is not null)
            {
                return EmailTaken();
            }
            throw;
        }
        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            return EmailTaken();
        }
        if (!result.Succeeded)
        {
            return TypedResults.ValidationProblem(
                result.Errors.GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email")
                    .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()),
                title: "The request is invalid.");
        }

        return TypedResults.Created("/api/v1/account", user.Adapt<Profile>(mappings));
    }

    private static ProblemHttpResult EmailTaken() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The email is already registered.");
}
