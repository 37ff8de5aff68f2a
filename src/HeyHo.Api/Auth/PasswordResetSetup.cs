using HeyHo.Api.Infrastructure;

namespace HeyHo.Api.Auth;

/// <summary>Bound from the RateLimits section, beside the other limits.</summary>
public sealed class PasswordResetRateLimits
{
    public RateLimitOptions.WindowLimit PasswordResetRequestsPerEmail { get; set; } = new() { PermitLimit = 3, Window = TimeSpan.FromMinutes(15) };

    public RateLimitOptions.WindowLimit PasswordResetRequestsPerIp { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromHours(1) };
}

public static class PasswordResetSetup
{
    /// <summary>Per address in the body: counted after binding (see <see cref="BodyRateLimits"/>).</summary>
    public const string RequestsPerEmail = "password-reset-requests-per-email";

    public static IServiceCollection AddHeyHoPasswordReset(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = services.AddValidatedOptions<PasswordResetRateLimits>(configuration, RateLimitOptions.Section);
        services.AddSingleton<PasswordResetMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<PasswordResetMailer>());
        services.AddRateLimiter(options => options.AddPolicy(RateLimitPolicies.PasswordResetRequests,
            http => RateLimits.FixedWindow(limits.PasswordResetRequestsPerIp, RateLimits.ClientIpOfSubmission(http))));
        services.AddBodyRateLimit(RequestsPerEmail, limits.PasswordResetRequestsPerEmail);
        return services;
    }
}
