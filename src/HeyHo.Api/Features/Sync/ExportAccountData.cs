using System.Buffers;
using System.IO.Pipelines;
using System.Security.Claims;
using System.Text.Json;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using HeyHo.Api.Infrastructure.Security;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Features.Sync;

public static class ExportAccountData
{
    public sealed record Line<T>(string Kind, T Record);

    public sealed record AccountRecord(string Id, string? Email, string? DisplayName, DateTime CreatedAt);

    /// <summary>
    /// GET /api/v1/account/export: everything HeyHo holds for the caller as NDJSON, one record a line
    /// (account, then page visits, tab aggregates and sync receipts), streamed row by row in constant memory.
    /// </summary>
    public static PushStreamHttpResult Handle(
        ClaimsPrincipal caller, HeyHoDbContext db, IOptions<JsonOptions> json, SecurityLog log, HttpContext http) =>
        TypedResults.Stream(async body =>
        {
            var userId = caller.UserId();
            await log.WriteAsync(userId, SecurityEventKind.DataExported, http);
            var options = json.Value.SerializerOptions;
            var pipe = PipeWriter.Create(body);
            var writer = new Utf8JsonWriter(pipe, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true });

            await WriteAll(writer, pipe, options, "account", db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new AccountRecord(u.Id, u.Email, u.DisplayName, u.CreatedAt)).AsAsyncEnumerable());
            await WriteAll(writer, pipe, options, "pageVisit", db.Set<PageVisit>().AsNoTracking().Where(v => v.UserId == userId)
                .OrderBy(v => v.StartedAt).ThenBy(v => v.Id).ProjectToType<PageVisitItem>().AsAsyncEnumerable());
            await WriteAll(writer, pipe, options, "tabAggregate", db.Set<TabAggregate>().AsNoTracking().Where(a => a.UserId == userId)
                .OrderBy(a => a.StartTime).ProjectToType<TabAggregateItem>().AsAsyncEnumerable());
            await WriteAll(writer, pipe, options, "sync", db.Set<SyncReceipt>().AsNoTracking().Where(r => r.UserId == userId)
                .OrderBy(r => r.ReceivedAt).ProjectToType<SyncSummary>().AsAsyncEnumerable());
            await pipe.CompleteAsync();
        }, "application/x-ndjson");

    private static async Task WriteAll<T>(Utf8JsonWriter writer, PipeWriter pipe, JsonSerializerOptions options, string kind, IAsyncEnumerable<T> records)
    {
        await foreach (var record in records)
        {
            JsonSerializer.Serialize(writer, new Line<T>(kind, record), options);
            writer.Flush(); // into the pipe's buffer, not the socket
            writer.Reset();
            pipe.Write("\n"u8);
            if (pipe.UnflushedBytes >= 32 * 1024)
            {
                await pipe.FlushAsync();
            }
        }
    }
}
