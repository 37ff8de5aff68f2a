namespace HeyHo.Api.Infrastructure;

/// <summary>
/// The named rate-limit policies, each attached where its endpoint is mapped (<c>.RequireRateLimiting(…)</c>) and
/// limited by the <see cref="RateLimitOptions"/> of the same name.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary>Password grants at the token endpoint, per username and per client address (defined in Auth/PasswordGrantRateLimit).</summary>
    public const string PasswordGrants = "password-grants";

    /// <summary>Per client address.</summary>
    public const string Registrations = "registrations";

    /// <summary>Per signed-in user.</summary>
    public const string Syncs = "syncs";

    /// <summary>Verification-code resends per client address (defined in Features/EmailVerification; the per-address limit is a filter).</summary>
    public const string VerificationResends = "verification-resends-per-ip";

    /// <summary>Password-reset requests per client address (defined in Auth/PasswordResetSetup; the per-address limit is a filter).</summary>
    public const string PasswordResetRequests = "password-reset-requests-per-ip";
}
