using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using OpenIddict.Abstractions;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Infrastructure;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public WindowLimit PasswordGrantsPerUsername { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(5) };

    public WindowLimit PasswordGrantsPerIp { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    public WindowLimit RegistrationsPerIp { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromHours(1) };

    public WindowLimit SyncsPerUser { get; set; } = new() { PermitLimit = 120, Window = TimeSpan.FromMinutes(1) };
}

public sealed class WindowLimit
{
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 1;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Fixed-window limits with ASP.NET Core's rate limiter, chained: a request must pass every limit that applies
/// to it. Runs after authentication, so the token endpoint's parsed request (username) and the caller's user id
/// are known. Over a limit: 429 with Retry-After and problem details.
/// </summary>
public static class RateLimits
{
    public const string RegisterPath = "/api/v1/auth/register";
    public const string SyncPath = "/api/v1/data/sync";

    public static IServiceCollection AddHeyHoRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = services.AddValidatedOptions<RateLimitOptions>(configuration, RateLimitOptions.Section);
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                Limit(limits.PasswordGrantsPerIp, http => IsPasswordGrant(http) ? $"ip:{ClientIp(http)}" : null),
                Limit(limits.PasswordGrantsPerUsername, http => IsPasswordGrant(http)
                    ? $"user:{http.GetOpenIddictServerRequest()?.Username?.Trim().ToUpperInvariant()}" : null),
                Limit(limits.RegistrationsPerIp, http => IsPost(http, RegisterPath) ? $"ip:{ClientIp(http)}" : null),
                Limit(limits.SyncsPerUser, http => IsPost(http, SyncPath)
                    ? http.User.FindFirst(Claims.Subject)?.Value : null));
            options.OnRejected = Reject;
        });
        return services;
    }

    /// <summary>Answers 429 with Retry-After and problem details: used by the limiter and by the password-hash gate.</summary>
    public static async ValueTask TooManyRequests(HttpContext http, TimeSpan retryAfter, string title)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = title },
        });
    }

    private static ValueTask Reject(OnRejectedContext context, CancellationToken cancellationToken) =>
        TooManyRequests(context.HttpContext,
            context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1),
            "Too many requests; retry after the time in Retry-After.");

    private static PartitionedRateLimiter<HttpContext> Limit(WindowLimit limit, Func<HttpContext, string?> partitionKey) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http => partitionKey(http) is { } key
            ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = limit.Window,
                QueueLimit = 0,
            })
            : RateLimitPartition.GetNoLimiter(string.Empty));

    private static bool IsPasswordGrant(HttpContext http) =>
        http.GetOpenIddictServerRequest() is { } request && request.IsPasswordGrantType();

    private static bool IsPost(HttpContext http, string path) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase);

    private static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
