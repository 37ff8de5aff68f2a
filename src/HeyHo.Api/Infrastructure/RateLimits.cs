using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// Fixed-window limits with ASP.NET Core's rate limiter, as named policies (<see cref="RateLimitPolicies"/>). The
/// limiter runs after authentication, so the caller's user id is known. Over a limit: 429 with Retry-After and
/// problem details.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddHeyHoRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = services.AddValidatedOptions<RateLimitOptions>(configuration, RateLimitOptions.Section);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimitPolicies.Registrations, http => FixedWindow(limits.RegistrationsPerIp, ClientIpOfSubmission(http)));
            options.AddPolicy(RateLimitPolicies.Syncs, http => FixedWindow(limits.SyncsPerUser, http.User.FindFirst(Claims.Subject)?.Value));
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) => new ValueTask(new RetryAfterProblem(
                StatusCodes.Status429TooManyRequests,
                "Too many requests; retry after the time in Retry-After.",
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1))
                .ExecuteAsync(context.HttpContext));
        });
        return services;
    }

    /// <summary>A window of its own for each key; no key, no limit.</summary>
    public static RateLimitPartition<string> FixedWindow(RateLimitOptions.WindowLimit limit, string? key) => key is null
        ? RateLimitPartition.GetNoLimiter(string.Empty)
        : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        });

    /// <summary>The client address of a request that submits something; none for GET and HEAD (a page showing its form is not counted).</summary>
    public static string? ClientIpOfSubmission(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? null : ClientIp(http);

    public static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
