using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Auth;

/// <summary>
/// Password hashing is deliberately slow (PBKDF2, 210,000 iterations). This bounds how many hashes run at once,
/// so a flood of login attempts queues here – briefly, then 429 – instead of taking every core from sync and reads.
/// </summary>
public sealed class PasswordHashGate(IOptions<AuthOptions> options)
    : ConcurrencyGate(Slots(options.Value), options.Value.PasswordHashQueueTimeout)
{
    private const string BusyTitle = "Too many password checks at once; retry shortly.";

    /// <summary>The answer when no slot was free: 429 with Retry-After, as for the rate limits.</summary>
    public static RetryAfterProblem Busy() => new(StatusCodes.Status429TooManyRequests, BusyTitle, TimeSpan.FromSeconds(1));

    /// <summary>Transitional, for the Features/Account handlers until their result unions take <see cref="Busy()"/>.</summary>
    public static ProblemHttpResult Busy(HttpResponse response)
    {
        response.Headers.RetryAfter = "1";
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: BusyTitle);
    }

    /// <summary>0 means half the processor count (at least 1).</summary>
    private static int Slots(AuthOptions auth) =>
        auth.MaxConcurrentPasswordHashes > 0 ? auth.MaxConcurrentPasswordHashes : Math.Max(1, Environment.ProcessorCount / 2);
}
