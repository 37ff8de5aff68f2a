using HeyHo.Api.Infrastructure;

namespace HeyHo.Api.Features.EmailVerification;

/// <summary>Bound from the RateLimits section, beside the other limits.</summary>
public sealed class VerificationRateLimits
{
    public RateLimitOptions.WindowLimit VerificationResendsPerEmail { get; set; } = new() { PermitLimit = 3, Window = TimeSpan.FromMinutes(15) };

    public RateLimitOptions.WindowLimit VerificationResendsPerIp { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromHours(1) };
}

public static class EmailVerificationSetup
{
    /// <summary>Per address in the body: counted after binding (see <see cref="BodyRateLimits"/>).</summary>
    public const string ResendsPerEmail = "verification-resends-per-email";

    public static IServiceCollection AddHeyHoEmailVerification(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = services.AddValidatedOptions<VerificationRateLimits>(configuration, RateLimitOptions.Section);
        services.AddScoped<OneTimeCodes>();
        services.AddScoped<VerificationCodes>();
        services.AddRateLimiter(options => options.AddPolicy(RateLimitPolicies.VerificationResends,
            http => RateLimits.FixedWindow(limits.VerificationResendsPerIp, RateLimits.ClientIpOfSubmission(http))));
        services.AddBodyRateLimit(ResendsPerEmail, limits.VerificationResendsPerEmail);
        return services;
    }
}
