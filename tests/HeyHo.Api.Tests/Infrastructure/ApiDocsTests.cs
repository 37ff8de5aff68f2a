using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;
using Newtonsoft.Json.Linq;
using Snapshooter.Xunit;

namespace HeyHo.Api.Tests.Infrastructure;

public sealed class ApiDocsTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task OpenApiDocument_IsPinnedBySnapshot()
    {
        var json = await _factory.CreateClient().GetStringAsync("/openapi/v1.json");

        Snapshot.Match(JToken.Parse(json));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEveryEndpointWithItsStatusCodesAndTheBearerScheme()
    {
        var document = JsonNode.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>());
        foreach (var path in new[]
        {
            "/api/v1/auth/login", "/api/v1/auth/revoke", "/api/v1/auth/register", "/api/v1/account", "/api/v1/account/password",
            "/api/v1/account/export", "/api/v1/data/sync", "/api/v1/data/limits", "/api/v1/data/page-visits",
            "/api/v1/data/page-visits/{id}", "/api/v1/data/tab-aggregates", "/api/v1/data/syncs", "/api/v1/data/status",
        })
        {
            Assert.True(paths.ContainsKey(path), path);
        }

        var sync = paths["/api/v1/data/sync"]!["post"]!;
        Assert.Equal(["200", "400", "401", "413", "415", "429", "503"], sync["responses"]!.AsObject().Select(r => r.Key).Order());
        Assert.NotNull(sync["security"]);
        Assert.Null(paths["/api/v1/data/limits"]!["get"]!["security"]);
        var token = paths["/api/v1/auth/login"]!["post"]!;
        Assert.NotNull(token["requestBody"]!["content"]!["application/x-www-form-urlencoded"]);
        Assert.NotNull(token["responses"]!["400"]!["content"]!["application/json"]!["schema"]!["properties"]!["error"]);
    }

    [Fact]
    public async Task DocsPage_IsServedInDevelopment()
    {
        var response = await _factory.CreateClient().GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocsPage_SwitchedOffByConfiguration_Is404()
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?> { ["Docs:Enabled"] = "false" });

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync("/docs")).StatusCode);
    }

    [Fact]
    public async Task DocsPage_InProduction_OffByDefaultAndOnByConfiguration()
    {
        using var certificates = new ProductionCertificates();
        using var off = new HeyHoApiFactory(certificates.Settings, environment: "Production");
        using var on = new HeyHoApiFactory(new Dictionary<string, string?>(certificates.Settings) { ["Docs:Enabled"] = "true" }, environment: "Production");

        Assert.Equal(HttpStatusCode.NotFound, (await off.CreateClient().GetAsync("/docs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await on.CreateClient().GetAsync("/docs")).StatusCode);
    }
}
