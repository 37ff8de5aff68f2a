using System.ComponentModel.DataAnnotations;

namespace HeyHo.Api.Auth;

public sealed class TokenPruningOptions
{
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Redeemed, revoked and expired tokens (and orphaned authorizations) older than this are deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan MinimumAge { get; set; } = TimeSpan.FromDays(1);
}
