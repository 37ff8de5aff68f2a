using System.ComponentModel.DataAnnotations;

namespace HeyHo.Api.Infrastructure;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public WindowLimit PasswordGrantsPerUsername { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(5) };

    public WindowLimit PasswordGrantsPerIp { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    public WindowLimit RegistrationsPerIp { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromHours(1) };

    public WindowLimit SyncsPerUser { get; set; } = new() { PermitLimit = 120, Window = TimeSpan.FromMinutes(1) };

    public sealed class WindowLimit
    {
        [Range(1, 1_000_000)]
        public int PermitLimit { get; set; } = 1;

        [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    }
}
