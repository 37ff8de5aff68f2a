namespace HeyHo.Api.Features.Sync;

public sealed class TabAggregateValidator : JsonFieldValidator<TabAggregateInput>
{
    public TabAggregateValidator(TimeProvider clock)
    {
        RuleFor(a => a.AnonymousClientId).NotEmpty().ClientId();
        RuleFor(a => a.TabId).NotNull();
        RuleFor(a => a.StartTime).NotNull().PlausibleTime(clock);
        RuleFor(a => a.LastActiveTime).NotNull()
            .GreaterThanOrEqualTo(a => a.StartTime).When(a => a.StartTime is not null)
            .WithMessage("'lastActiveTime' must not be before 'startTime'.");
        RuleFor(a => a.TotalActiveDuration).GreaterThanOrEqualTo(0);
        RuleFor(a => a.PageCount).InclusiveBetween(0, int.MaxValue);
        RuleFor(a => a.CurrentUrl).MaximumLength(SyncLimits.MaxUrlLength);
        RuleFor(a => a.CurrentDomain).MaximumLength(SyncLimits.MaxDomainLength);
        RuleFor(a => a.DomainDurations).SmallJson();
        RuleFor(a => a.Statistics).SmallJson();
    }
}
