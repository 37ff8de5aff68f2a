namespace HeyHo.Api.Features.Sync;

/// <summary>The query both read-back lists take: a time window, filters, a page size and an opaque keyset cursor.</summary>
public sealed record ReadQuery(string? From, string? To, string? Domain, string? ClientId, int? Limit, string? Cursor)
{
    private string[]? _position;

    public int PageSize => Limit ?? SyncLimits.DefaultPageSize;

    public long? FromMs => SyncTime.TryParse(From, out var ms) ? ms : null;

    public long? ToMs => SyncTime.TryParse(To, out var ms) ? ms : null;

    /// <summary>The cursor's parts (decoded once), or null when there is no cursor or it is not one this API issued.</summary>
    public string[]? Position => Cursor is null ? null : _position ??= PageCursor.TryDecode(Cursor, out var parts) ? parts : null;

    public sealed class Validator : JsonFieldValidator<ReadQuery>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).InclusiveBetween(1, SyncLimits.MaxPageSize);
            RuleFor(q => q.From).Must(t => t is null || SyncTime.TryParse(t, out _)).WithMessage($"'from' must be {SyncTime.Format}.");
            RuleFor(q => q.To).Must(t => t is null || SyncTime.TryParse(t, out _)).WithMessage($"'to' must be {SyncTime.Format}.");
            RuleFor(q => q.Cursor).Must((q, c) => c is null || q.Position is not null).WithMessage(PageCursor.Invalid);
            RuleFor(q => q.Domain).Storable();
            RuleFor(q => q.ClientId).Storable();
        }
    }
}
