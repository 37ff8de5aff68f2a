using Microsoft.AspNetCore.Identity;

namespace HeyHo.Api.Features.Account;

public static class UpdateProfile
{
    /// <summary>
    /// Null or absent names and time zone stay as they are (an empty string clears one; a cleared time zone means UTC);
    /// the display name is set as sent.
    /// </summary>
    public sealed record Request(string? DisplayName, string? FirstName = null, string? LastName = null, string? TimeZone = null);

    public sealed class Validator : JsonFieldValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.DisplayName).Storable().MaximumLength(100);
            RuleFor(r => r.FirstName).Storable().MaximumLength(100);
            RuleFor(r => r.LastName).Storable().MaximumLength(100);
            RuleFor(r => r.TimeZone).Must(tz => string.IsNullOrEmpty(tz) || IanaTimeZones.IsKnown(tz))
                .WithMessage("'timeZone' must be an IANA time zone such as Europe/Berlin, or empty for UTC.");
        }
    }

    private const int Attempts = 3;

    /// <summary>
    /// Sets the display name and, when sent, the first and last name and the time zone. Identity saves a user row only if nobody changed it since it was read (its concurrency
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

            user.DisplayName = Names.Clean(request.DisplayName);
            if (request.FirstName is not null)
            {
                user.FirstName = Names.Clean(request.FirstName);
            }
            if (request.LastName is not null)
            {
                user.LastName = Names.Clean(request.LastName);
            }
            if (request.TimeZone is not null)
            {
                user.TimeZone = IanaTimeZones.TryFind(request.TimeZone, out var zone) ? zone.Id : null;
            }
            var result = await users.UpdateAsync(user);
            if (result.Succeeded)
            {
                return TypedResults.Ok(user.Adapt<Profile>(mappings));
            }
            if (!AccountConcurrency.LostTheRace(result))
            {
                // Only names changed, and they were validated above: any other refusal is a bug.
                throw new InvalidOperationException($"Saving the profile failed: {string.Join(", ", result.Errors.Select(e => e.Code))}");
            }
            if (attempt == Attempts)
            {
                return AccountConcurrency.Conflict("the profile was not saved");
            }
            db.Entry(user).State = Microsoft.EntityFrameworkCore.EntityState.Detached; // read the row again, not the tracked copy
        }
    }
}
