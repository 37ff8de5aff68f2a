using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;
using HeyHo.Api.Tests.Features.Privacy;
using HeyHo.Api.Tests.Features.Sync;

namespace HeyHo.Api.Tests.Features.Account;

public sealed class ExportAccountDataTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Export_StreamsEveryRecordAsNdjson()
    {
        var (client, _, _) = await _factory.SignedInUserAsync("export@example.com");
        await client.SyncAsync(SyncData.SampleBatch);

        var response = await client.GetAsync("/api/v1/account/export");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!).ToList();

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["account", "pageVisit", "pageVisit", "pageVisit", "tabAggregate", "tabAggregate", "sync"],
            lines.Select(l => l["kind"]!.GetValue<string>()));
        Assert.Equal("export@example.com", lines[0]["record"]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Export_ReflectsExclusionsStrippingAndRetention()
    {
        var (client, _, _) = await _factory.SignedInUserAsync("privacy@mailbox.org");
        var now = _factory.Clock.GetUtcNow();
        long DaysAgo(int days) => (now - TimeSpan.FromDays(days)).ToUnixTimeMilliseconds();
        await client.SyncAsync(SyncData.Batch(
            [PrivacyData.VisitOf(1, "example.com", "https://example.com/before", DaysAgo(1)), PrivacyData.VisitOf(2, "old.org", "https://old.org/", DaysAgo(40))],
            [PrivacyData.AggregateOf(1, "docs.example.net", visited: ["example.com"], startTime: DaysAgo(1))]));
        await client.PutPrivacyAsync(new { excludedDomains = new[] { "example.com" }, stripQueryStrings = true, retentionDays = 30 });
        await client.SyncAsync(SyncData.Batch(
            [PrivacyData.VisitOf(3, "www.example.com", "https://www.example.com/after", DaysAgo(1)), PrivacyData.VisitOf(4, "kept.org", "https://kept.org/page?secret=1#part", DaysAgo(1))]));
        using (var swept = new RecordedMeasurements(_factory.Services, "heyho.privacy.retention.deleted", tag: new("kind", "tabAggregate")))
        {
            _factory.Clock.Advance(TimeSpan.FromHours(1)); // the retention sweep's default interval
            await swept.Recorded;
        }
        await client.SignInAgainAsync(_factory, "privacy@mailbox.org");

        var export = await client.GetStringAsync("/api/v1/account/export");
        var lines = export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();

        Assert.Equal(["https://kept.org/page"], lines.Where(l => l["kind"]!.GetValue<string>() == "pageVisit").Select(l => l["record"]!["url"]!.GetValue<string>()));
        Assert.DoesNotContain(lines, l => l["kind"]!.GetValue<string>() == "tabAggregate");
        Assert.DoesNotContain("example.com", export, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", export, StringComparison.Ordinal);
        Assert.DoesNotContain("old.org", export, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutToken_Is401()
    {
        var response = await _factory.CreateClient().GetAsync("/api/v1/account/export");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
