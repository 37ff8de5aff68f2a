using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;
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
    public async Task WithoutToken_Is401()
    {
        var response = await _factory.CreateClient().GetAsync("/api/v1/account/export");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
