using System.ComponentModel.DataAnnotations;

namespace HeyHo.Api.Features.Privacy;

public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>How often the retention sweep looks for records older than their user's retentionDays (on the application's clock).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows the sweep deletes per transaction; the write gate is taken and given back for each batch.</summary>
    [Range(1, 100_000)]
    public int RetentionBatchSize { get; set; } = 1000;
}
