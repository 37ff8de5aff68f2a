using System.ComponentModel.DataAnnotations;

namespace HeyHo.Api.Infrastructure.Security;

public sealed class SecurityLogOptions
{
    public const string Section = "Account";

    /// <summary>Events older than this are deleted.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan SecurityLogRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often the pruning service looks for events past their retention.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan SecurityLogPruneInterval { get; set; } = TimeSpan.FromHours(1);
}
