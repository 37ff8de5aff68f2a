namespace HeyHo.Api.Features.Insights;

/// <summary>How much time a stored visit or tab aggregate stands for, and under which domain (docs/insights.md).</summary>
public static class VisitTime
{
    /// <summary>A visit never stands for more than a day: a longer one is an open tab nobody looked at, or a bad clock.</summary>
    public const long MaxVisitSpan = 24 * 3_600_000L;

    /// <summary>A tab aggregate's span counts for at most a week from its start.</summary>
    public const long MaxTabSpan = 7 * 24 * 3_600_000L;

    /// <summary>duration, else endedAt − startedAt, else 0; within 0 … <see cref="MaxVisitSpan"/>.</summary>
    public static long Duration(long startedAt, long? duration, long? endedAt) =>
        Math.Clamp(duration ?? (endedAt - startedAt) ?? 0, 0, MaxVisitSpan);

    /// <summary>activeDuration within 0 … the visit's duration; 0 when absent.</summary>
    public static long Active(long? activeDuration, long duration) => Math.Clamp(activeDuration ?? 0, 0, duration);

    /// <summary>The stored domain, else the URL's host; lower-cased.</summary>
    public static string Domain(string domainOrUrl) =>
        (domainOrUrl.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(domainOrUrl, UriKind.Absolute, out var url) ? url.Host : domainOrUrl)
        .ToLowerInvariant();
}
