using Microsoft.AspNetCore.Identity;

namespace HeyHo.Api.Features.Account;

public static class UpdateProfile
{
    public sealed record Request(string? DisplayName);

    public sealed class Validator : JsonFieldValidator<Request>
    {
        public Validator() => RuleFor(r => r.DisplayName).Storable().MaximumLength(100);
    }

    private const int Attempts = 3;

    /// <summary>
    /// Sets the display name. Identity saves a user row only if nobody changed it since it was read (its concurrency
    /// stamp): when a login or another request – on this node or another – got there first, the row is read again
    /// and the change applied to it, so a 200 always means the name is stored.
    /// </summary>
    public static async Task<Results<Ok<Profile>, ValidationProblem, UnauthorizedHttpResult, ProblemHttpResult>> Handle(
        Request request, IValidator<Request> validator, ClaimsPrincipal caller, UserManager<AppUser> users, HeyHoDbContext db,
        TypeAdapterConfig mappings)
    {
        var validation = await validator.ValidateAsync(request);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        for (var attempt = 1; ; attempt++)
        {
            if (await users.FindByIdAsync(caller.UserId()) is not { } user)
            {
                return TypedResults.Unauthorized();
            }

            user.DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim();
            var result = await users.UpdateAsync(user);
            if (result.Succeeded)
            {
                return TypedResults.Ok(user.Adapt<Profile>(mappings));
            }
            if (!AccountConcurrency.LostTheRace(result))
            {
                // Only the display name changed, and it was validated above: any other refusal is a bug.
                throw new InvalidOperationException($"Saving the display name failed: {string.Join(", ", result.Errors.Select(e => e.Code))}");
            }
            if (attempt == Attempts)
            {
                return AccountConcurrency.Conflict("the display name was not saved");
            }
            db.Entry(user).State = Microsoft.EntityFrameworkCore.EntityState.Detached; // read the row again, not the tracked copy
        }
    }
}
