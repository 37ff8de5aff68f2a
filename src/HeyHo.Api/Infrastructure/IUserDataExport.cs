namespace HeyHo.Api.Infrastructure;

/// <summary>Everything a user has synced, as export lines; the Sync slice writes them, the Account slice's export calls it.</summary>
public interface IUserDataExport
{
    Task WriteAsync(string userId, NdjsonWriter export);
}
