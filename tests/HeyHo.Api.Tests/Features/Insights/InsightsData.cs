using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Data;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HeyHo.Api.Tests.Features.Insights;

/// <summary>Hand-made visits and tab aggregates for the insights tests, synced through the real endpoint, and the calls that read them back.</summary>
public static class InsightsData
{
    public const long Minute = 60_000;
    public const long Hour = 60 * Minute;

    /// <summary>Epoch milliseconds of a local wall-clock time ("2026-03-29 01:30") in an IANA zone; an ambiguous time is its first occurrence.</summary>
    public static long At(string local, string zone = "UTC")
    {
        var time = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var offset = tz.IsAmbiguousTime(time) ? tz.GetAmbiguousTimeOffsets(time).Max() : tz.GetUtcOffset(time);
        return new DateTimeOffset(time, offset).ToUnixTimeMilliseconds();
    }

    /// <summary>A page visit as the extension sends it; <paramref name="duration"/> null sends neither duration nor endedAt.</summary>
    public static JsonObject Visit(string id, string domain, long startedAt, long? duration, long active, int tab = 1)
    {
        var visit = SyncData.Visit(tab, id, startedAt);
        visit["tabId"] = tab;
        visit["domain"] = domain;
        visit["url"] = $"https://{domain}/{id}";
        visit["title"] = $"Page {id}";
        visit["duration"] = duration;
        visit["durationSeconds"] = duration / 1000;
        visit["endedAt"] = startedAt + duration;
        visit["activeDuration"] = active;
        visit["engagementRate"] = duration is > 0 ? Math.Min(1, (double)active / duration.Value) : 0;
        visit["lastHeartbeat"] = startedAt;
        return visit;
    }

    /// <summary>A tab aggregate spanning [start, lastActive] with the given active milliseconds per domain.</summary>
    public static JsonObject Tab(int tab, long start, long lastActive, params (string Domain, long Ms)[] domains)
    {
        var aggregate = SyncData.Aggregate(tab, start, lastActive - start);
        aggregate["domainDurations"] = new JsonObject(domains.Select(d => KeyValuePair.Create(d.Domain, (JsonNode?)d.Ms)));
        aggregate["totalActiveDuration"] = domains.Sum(d => d.Ms);
        return aggregate;
    }

    /// <summary>Syncs the records and checks that every one was stored.</summary>
    public static async Task SyncAllAsync(this HttpClient client, IEnumerable<JsonNode>? visits = null, IEnumerable<JsonNode>? tabs = null)
    {
        var batch = SyncData.Batch(visits, tabs);
        var receipt = await (await client.SyncAsync(batch)).ReadJsonAsync();
        var sent = batch["pageVisits"]!.AsArray().Count + batch["tabAggregates"]!.AsArray().Count;
        Assert.True(sent == Inserted(receipt), receipt.ToJsonString());
    }

    public static async Task<JsonObject> GetOkAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Stores the user's time zone directly (the profile endpoint that sets it belongs to another slice).</summary>
    public static async Task SetTimeZoneAsync(this HeyHoApiFactory factory, string userId, string? zone)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HeyHoDbContext>();
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        user.TimeZone = zone;
        await db.SaveChangesAsync();
    }

    public static long Number(this JsonNode node, string path) => Walk(node, path).GetValue<long>();

    public static string Text(this JsonNode node, string path) => Walk(node, path).GetValue<string>();

    /// <summary>"days.1.totalTime" → node["days"][1]["totalTime"].</summary>
    private static JsonNode Walk(JsonNode node, string path) => path.Split('.').Aggregate(node, (n, part) =>
        int.TryParse(part, CultureInfo.InvariantCulture, out var index) ? n[index]! : n[part]!);

    private static int Inserted(JsonObject receipt) =>
        (receipt["pageVisits"]?["inserted"]?.GetValue<int>() ?? 0) + (receipt["tabAggregates"]?["inserted"]?.GetValue<int>() ?? 0);
}
