namespace HeyHo.Api.Infrastructure;

/// <summary>How much a user has synced; the Sync slice answers it, the Account slice shows it.</summary>
public interface IUserDataSummary
{
    Task<UserDataSummary> GetAsync(string userId, CancellationToken cancellationToken);
}

public sealed record UserDataSummary(long PageVisits, long TabAggregates, DateTime? LastSyncAt);
