namespace HeyHo.Api.Features.Sync;

/// <summary>What one sync request may hold; advertised at GET /api/v1/data/limits and enforced by the sync endpoint.</summary>
public static class SyncLimits
{
    public const int MaxRecordsPerRequest = 1000;
    public const int MaxBodyBytes = 5 * 1024 * 1024;
    public const int MaxJsonDepth = 32;
    public const int MaxIdLength = 128;
    public const int MaxUrlLength = 2048;
    public const int MaxTitleLength = 1024;
    public const int MaxDomainLength = 255;
    public const int MaxShortTextLength = 256;
    public const int MaxJsonObjectBytes = 32 * 1024;
    public static readonly DateTime MinTimestamp = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromDays(1);
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;
}
