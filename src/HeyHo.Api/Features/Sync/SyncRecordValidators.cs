using System.Text;
using FluentValidation;
using HeyHo.Api.Infrastructure;

namespace HeyHo.Api.Features.Sync;

public sealed class PageVisitValidator : AbstractValidator<PageVisitInput>
{
    public PageVisitValidator(TimeProvider clock)
    {
        RuleFor(v => v.Id).Storable().NotEmpty().MaximumLength(SyncLimits.MaxIdLength);
        RuleFor(v => v.Url).Storable().NotEmpty().MaximumLength(SyncLimits.MaxUrlLength)
            .Must(SyncRules.IsHttpUrl).WithMessage("'url' must be an absolute http or https URL.");
        RuleFor(v => v.Domain).Storable().MaximumLength(SyncLimits.MaxDomainLength);
        RuleFor(v => v.Title).Storable().MaximumLength(SyncLimits.MaxTitleLength);
        RuleFor(v => v.AnonymousClientId).Storable().MaximumLength(SyncLimits.MaxIdLength);
        RuleFor(v => v.SourcePageVisitId).Storable().MaximumLength(SyncLimits.MaxIdLength);
        RuleFor(v => v.Category).Storable().MaximumLength(SyncLimits.MaxShortTextLength);
        RuleFor(v => v.CategoryMethod).Storable().MaximumLength(SyncLimits.MaxShortTextLength);
        RuleFor(v => v.StartedAt).NotNull().Must(t => SyncRules.IsPlausibleTime(t, clock))
            .WithMessage(SyncRules.TimeRangeMessage);
        RuleFor(v => v.EndedAt).GreaterThanOrEqualTo(v => v.StartedAt).When(v => v.EndedAt is not null && v.StartedAt is not null)
            .WithMessage("'endedAt' must not be before 'startedAt'.");
        RuleFor(v => v.Duration).GreaterThanOrEqualTo(0);
        RuleFor(v => v.DurationSeconds).InclusiveBetween(0, long.MaxValue / 1000);
        RuleFor(v => v.ActiveDuration).GreaterThanOrEqualTo(0);
        RuleFor(v => v.EngagementRate).InclusiveBetween(0, 1);
        RuleFor(v => v.CategoryConfidence).InclusiveBetween(0, 1);
        RuleFor(v => v.Metadata).Must(SyncRules.FitsJsonObjectLimit).WithMessage(SyncRules.JsonObjectTooLarge);
    }
}

public sealed class TabAggregateValidator : AbstractValidator<TabAggregateInput>
{
    public TabAggregateValidator(TimeProvider clock)
    {
        RuleFor(a => a.AnonymousClientId).Storable().NotEmpty().MaximumLength(SyncLimits.MaxIdLength);
        RuleFor(a => a.TabId).NotNull();
        RuleFor(a => a.StartTime).NotNull().Must(t => SyncRules.IsPlausibleTime(t, clock))
            .WithMessage(SyncRules.TimeRangeMessage);
        RuleFor(a => a.LastActiveTime).NotNull()
            .GreaterThanOrEqualTo(a => a.StartTime).When(a => a.StartTime is not null)
            .WithMessage("'lastActiveTime' must not be before 'startTime'.");
        RuleFor(a => a.TotalActiveDuration).GreaterThanOrEqualTo(0);
        RuleFor(a => a.PageCount).InclusiveBetween(0, int.MaxValue);
        RuleFor(a => a.CurrentUrl).Storable().MaximumLength(SyncLimits.MaxUrlLength);
        RuleFor(a => a.CurrentDomain).Storable().MaximumLength(SyncLimits.MaxDomainLength);
        RuleFor(a => a.DomainDurations).Must(SyncRules.FitsJsonObjectLimit).WithMessage(SyncRules.JsonObjectTooLarge);
        RuleFor(a => a.Statistics).Must(SyncRules.FitsJsonObjectLimit).WithMessage(SyncRules.JsonObjectTooLarge);
    }
}

internal static class SyncRules
{
    public const string TimeRangeMessage = "'{PropertyName}' must be between 2000-01-01 and one day from now.";
    public const string JsonObjectTooLarge = "'{PropertyName}' must be at most 32 KiB of JSON.";
    private static readonly long MinMs = new DateTimeOffset(SyncLimits.MinTimestamp).ToUnixTimeMilliseconds();

    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static bool IsPlausibleTime(long? ms, TimeProvider clock) =>
        ms is null || (ms >= MinMs && ms <= clock.GetUtcNow().Add(SyncLimits.MaxClockSkew).ToUnixTimeMilliseconds());

    public static bool FitsJsonObjectLimit(string? json) =>
        json is null || Encoding.UTF8.GetByteCount(json) <= SyncLimits.MaxJsonObjectBytes;
}
