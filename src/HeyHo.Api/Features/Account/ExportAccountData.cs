using HeyHo.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Features.Account;

public static class ExportAccountData
{
    public sealed record AccountRecord(
        string Id, string? Email, bool EmailVerified, string? DisplayName, string? FirstName, string? LastName, DateTime CreatedAt);

    /// <summary>
    /// GET /api/v1/account/export: everything HeyHo holds for the caller as NDJSON, one record a line (the account,
    /// then what the user synced), streamed row by row in constant memory.
    /// </summary>
    public static PushStreamHttpResult Handle(
        ClaimsPrincipal caller, HeyHoDbContext db, IUserDataExport data, IOptions<JsonOptions> json, SecurityLog log, HttpContext http) =>
        TypedResults.Stream(async body =>
        {
            var userId = caller.UserId();
            await log.WriteAsync(userId, SecurityEventKind.DataExported, http);
            var export = new NdjsonWriter(body, json.Value.SerializerOptions);
            await export.WriteAllAsync("account", db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new AccountRecord(u.Id, u.Email, u.EmailConfirmed, u.DisplayName, u.FirstName, u.LastName, u.CreatedAt)).AsAsyncEnumerable());
            await data.WriteAsync(userId, export);
            await export.CompleteAsync();
        }, "application/x-ndjson");
}
