namespace HeyHo.Api.Features.Sync;

public sealed class PageVisitValidator : JsonFieldValidator<PageVisitInput>
{
    public PageVisitValidator(TimeProvider clock)
    {
        RuleFor(v => v.Id).NotEmpty().MaximumLength(SyncLimits.MaxIdLength);
        RuleFor(v => v.Url).NotEmpty().MaximumLength(SyncLimits.MaxUrlLength)
            .Must(SyncRules.IsHttpUrl).WithMessage("'url' must be an absolute http or https URL.");
        RuleFor(v => v.Domain).MaximumLength(SyncLimits.MaxDomainLength);
        RuleFor(v => v.Title).MaximumLength(SyncLimits.MaxTitleLength);
        RuleFor(v => v.AnonymousClientId).ClientId();
        RuleFor(v => v.SourcePageVisitId).MaximumLength(SyncLimits.MaxIdLength);
        RuleFor(v => v.Category).MaximumLength(SyncLimits.MaxShortTextLength);
        RuleFor(v => v.CategoryMethod).MaximumLength(SyncLimits.MaxShortTextLength);
        RuleFor(v => v.StartedAt).NotNull().PlausibleTime(clock);
        RuleFor(v => v.EndedAt).GreaterThanOrEqualTo(v => v.StartedAt).When(v => v.EndedAt is not null && v.StartedAt is not null)
            .WithMessage("'endedAt' must not be before 'startedAt'.");
        RuleFor(v => v.Duration).GreaterThanOrEqualTo(0);
        RuleFor(v => v.DurationSeconds).InclusiveBetween(0, long.MaxValue / 1000);
        RuleFor(v => v.ActiveDuration).GreaterThanOrEqualTo(0);
        RuleFor(v => v.EngagementRate).InclusiveBetween(0, 1);
        RuleFor(v => v.CategoryConfidence).InclusiveBetween(0, 1);
        RuleFor(v => v.Metadata).SmallJson();
    }
}
