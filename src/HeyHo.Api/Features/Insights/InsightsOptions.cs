using System.ComponentModel.DataAnnotations;

namespace HeyHo.Api.Features.Insights;

public sealed class InsightsOptions
{
    public const string Section = "Insights";

    /// <summary>A pause between visits at least this long starts a new browsing session in /insights/recent.</summary>
    [Range(1, 24 * 60)]
    public int SessionGapMinutes { get; set; } = 30;
}
