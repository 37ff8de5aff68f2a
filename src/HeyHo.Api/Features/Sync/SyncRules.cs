using System.Text;

namespace HeyHo.Api.Features.Sync;

/// <summary>Rules more than one sync validator applies, each written once.</summary>
internal static class SyncRules
{
    private static readonly long MinMs = new DateTimeOffset(SyncLimits.MinTimestamp).ToUnixTimeMilliseconds();

    public static IRuleBuilderOptions<T, string?> ClientId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Storable().MaximumLength(SyncLimits.MaxIdLength);

    public static IRuleBuilderOptions<T, long?> PlausibleTime<T>(this IRuleBuilder<T, long?> rule, TimeProvider clock) =>
        rule.Must(ms => ms is null || (ms >= MinMs && ms <= clock.GetUtcNow().Add(SyncLimits.MaxClockSkew).ToUnixTimeMilliseconds()))
            .WithMessage("'{PropertyName}' must be between 2000-01-01 and one day from now.");

    public static IRuleBuilderOptions<T, string?> SmallJson<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(json => json is null || Encoding.UTF8.GetByteCount(json) <= SyncLimits.MaxJsonObjectBytes)
            .WithMessage("'{PropertyName}' must be at most 32 KiB of JSON.");

    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
