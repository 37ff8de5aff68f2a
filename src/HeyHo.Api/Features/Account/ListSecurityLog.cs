using System.Globalization;
using System.Security.Claims;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using HeyHo.Api.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HeyHo.Api.Features.Account;

public static class ListSecurityLog
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public sealed record Item(string Kind, DateTimeOffset At, string? Client, string? Device, string? Detail);

    /// <summary><c>nextCursor</c>: pass it as <c>cursor</c> for the next (older) page; null on the last page.</summary>
    public sealed record Response(IReadOnlyList<Item> Items, string? NextCursor);

    /// <summary>The caller's security log, newest first, by keyset (time, id): pages stay stable while events are added.</summary>
    public static async Task<Results<Ok<Response>, ValidationProblem>> Handle(
        ClaimsPrincipal caller, HeyHoDbContext db, CancellationToken ct, int? limit = null, string? cursor = null)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return Validation.Problem("limit", $"'limit' must be between 1 and {MaxLimit}.");
        }
        (long At, long Id)? after = null;
        if (cursor is not null)
        {
            if (Parse(cursor) is not { } parsed)
            {
                return Validation.Problem("cursor", "'cursor' must be a nextCursor from an earlier page.");
            }
            after = parsed;
        }

        var userId = caller.UserId();
        var query = db.Set<SecurityEvent>().AsNoTracking().Where(e => e.UserId == userId);
        if (after is { } a)
        {
            query = query.Where(e => e.At < a.At || (e.At == a.At && e.Id < a.Id));
        }
        var rows = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(take + 1).ToListAsync(ct);
        var page = rows.Take(take).ToList();
        var next = rows.Count > take ? $"{page[^1].At}.{page[^1].Id}" : null;
        return TypedResults.Ok(new Response(
            page.Select(e => new Item(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Kind.ToString()), DateTimeOffset.FromUnixTimeMilliseconds(e.At), e.Client, e.Device, e.Detail)).ToList(),
            next));
    }

    private static (long, long)? Parse(string cursor) =>
        cursor.Split('.') is [var at, var id]
        && long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
        && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            ? (a, i)
            : null;
}
