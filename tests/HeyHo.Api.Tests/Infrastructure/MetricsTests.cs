using HeyHo.Api.Auth;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace HeyHo.Api.Tests.Infrastructure;

[Collection(MetricsCollection.Name)]
public sealed class MetricsTests : IDisposable
{
    // Pruning runs on demand here, not on the schedule (advancing the test clock would fire it).
    private readonly HeyHoApiFactory _factory = new(new Dictionary<string, string?> { ["Auth:Pruning:Enabled"] = "false" });

    public void Dispose() => _factory.Dispose();

    private Task<string> Scrape() => _factory.CreateClient().GetStringAsync("/metrics");

    /// <summary>The value of the series with this name that carries all these labels (in any order).</summary>
    private static double Value(string metrics, string name, params string[] labels)
    {
        var line = metrics.Split('\n').FirstOrDefault(l =>
            (l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            && labels.All(label => l.Contains(label, StringComparison.Ordinal)));
        Assert.True(line is not null, $"{name} {string.Join(",", labels)} not found in:\n{metrics}");
        return double.Parse(line![(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task AfterASync_RecordCountsDurationsAndHttpTimingsAreExported()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        // The server records a request's duration after its response has gone out: wait for both syncs' records.
        using var timed = new RecordedMeasurements(_factory.Services, "http.server.request.duration", count: 2, tag: new("http.route", "/api/v1/data/sync"));
        await client.SyncAsync(SyncData.SampleBatch);
        await client.SyncAsync(SyncData.Batch([SyncData.Visit(1), new System.Text.Json.Nodes.JsonObject()]));
        await timed.Recorded;

        var metrics = await Scrape();

        Assert.Equal(5, Value(metrics, "heyho_sync_records_total", "kind=\"pageVisit\"", "outcome=\"received\""));
        Assert.Equal(4, Value(metrics, "heyho_sync_records_total", "kind=\"pageVisit\"", "outcome=\"inserted\""));
        Assert.Equal(1, Value(metrics, "heyho_sync_records_total", "kind=\"pageVisit\"", "outcome=\"rejected\""));
        Assert.Equal(2, Value(metrics, "heyho_sync_records_total", "kind=\"tabAggregate\"", "outcome=\"inserted\""));
        Assert.Equal(2, Value(metrics, "heyho_sync_duration_seconds_count"));
        Assert.Equal(7, Value(metrics, "heyho_sync_batch_size_sum"));
        Assert.Contains("http_server_request_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/api/v1/data/sync\"", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginsRefreshesReplaysAndPruning_AreCounted()
    {
        var client = _factory.CreateClient();
        await client.RegisterAsync("m@example.com");
        var tokens = await client.LoginAsync("m@example.com");
        await client.PasswordGrantAsync("m@example.com", "wrong password 1");
        await client.RefreshGrantAsync(tokens.RefreshToken);
        _factory.Clock.Advance(TimeSpan.FromSeconds(31));
        await client.RefreshGrantAsync(tokens.RefreshToken); // replay: refused by OpenIddict
        _factory.Clock.Advance(TimeSpan.FromDays(2));
        var pruned = await _factory.Services.GetRequiredService<TokenPruning>().PruneOnceAsync(CancellationToken.None);

        var metrics = await Scrape();

        Assert.Equal(1, Value(metrics, "heyho_auth_logins_total", "result=\"succeeded\""));
        Assert.Equal(1, Value(metrics, "heyho_auth_logins_total", "result=\"failed\""));
        Assert.Equal(1, Value(metrics, "heyho_auth_refreshes_total", "result=\"succeeded\""));
        Assert.Equal(1, Value(metrics, "heyho_auth_refresh_token_replays_total"));
        Assert.True(pruned > 0);
        Assert.Equal(pruned, Value(metrics, "heyho_auth_tokens_pruned_total"));
    }
}
