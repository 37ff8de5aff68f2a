namespace HeyHo.Api.Features.Sync;

public static class GetLimits
{
    public sealed record Response(
        int MaxRecordsPerRequest, int MaxBodyBytes, int MaxJsonDepth, int MaxIdLength, int MaxUrlLength, int MaxTitleLength,
        int MaxMetadataBytes, DateTime MinTimestamp, int MaxClockSkewSeconds, int DefaultPageSize, int MaxPageSize);

    private static readonly Response Limits = new(
        SyncLimits.MaxRecordsPerRequest, SyncLimits.MaxBodyBytes, SyncLimits.MaxJsonDepth, SyncLimits.MaxIdLength,
        SyncLimits.MaxUrlLength, SyncLimits.MaxTitleLength, SyncLimits.MaxJsonObjectBytes, SyncLimits.MinTimestamp,
        (int)SyncLimits.MaxClockSkew.TotalSeconds, SyncLimits.DefaultPageSize, SyncLimits.MaxPageSize);

    public static Ok<Response> Handle() => TypedResults.Ok(Limits);
}
