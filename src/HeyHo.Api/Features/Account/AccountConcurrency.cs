using Microsoft.AspNetCore.Identity;

namespace HeyHo.Api.Features.Account;

/// <summary>
/// Identity saves a user row only if nobody changed it since it was read (its concurrency stamp). Another writer –
/// a login counting a failure, another request, another node – can get there first; then nothing was saved.
/// </summary>
internal static class AccountConcurrency
{
    public static bool LostTheRace(IdentityResult result) =>
        result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure));

    public static ProblemHttpResult Conflict(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"The account was changed at the same moment; {what}. Retry.");
}
