using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;

namespace HeyHo.Api.Tests.Infrastructure;

/// <summary>
/// The OpenAPI document, pinned in pieces a reviewer can read: one snapshot listing every operation (tag, security,
/// parameters, request and response schema names per status code) and one per group of schemas, plus assertions on
/// what clients rely on. The OAuth endpoints' own descriptions are pinned in Auth/OAuthEndpointDocsTests.
/// </summary>
public sealed class ApiDocsTests : IDisposable
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<JsonObject> DocumentAsync() =>
        JsonNode.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json"))!.AsObject();

    /// <summary>Every operation as "METHOD /path", in path order.</summary>
    private static IEnumerable<(string Name, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject()
            .OrderBy(path => path.Key, StringComparer.Ordinal)
            .SelectMany(path => Methods.Where(path.Value!.AsObject().ContainsKey)
                .Select(method => ($"{method.ToUpperInvariant()} {path.Key}", path.Value![method]!.AsObject())));

    [Fact]
    public async Task Operations_AreListedWithTheirStatusCodesSchemasAndSecurity()
    {
        var document = await DocumentAsync();

        var operations = new JsonObject();
        foreach (var (name, operation) in Operations(document))
        {
            operations[name] = new JsonObject
            {
                ["tag"] = List(operation["tags"]?.AsArray().Select(t => t!.GetValue<string>())),
                ["security"] = List(operation["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key))),
                ["parameters"] = List(operation["parameters"]?.AsArray().Select(p => $"{p!["name"]} ({p["in"]})")),
                ["request"] = Content(operation["requestBody"]?["content"]),
                ["responses"] = new JsonObject(operation["responses"]!.AsObject().OrderBy(r => r.Key, StringComparer.Ordinal)
                    .Select(r => KeyValuePair.Create(r.Key, (JsonNode?)Content(r.Value!["content"])))),
            };
        }

        Snapshot.Match(JToken.Parse(operations.ToJsonString()));
    }

    private static readonly string[] Groups = ["Account", "Auth", "Email verification", "Insights", "Privacy", "Shared", "Sync"];

    public static TheoryData<string> SchemaGroups => new(Groups);

    [Theory]
    [MemberData(nameof(SchemaGroups))]
    public async Task Schemas_ArePinnedPerGroup(string group)
    {
        var document = await DocumentAsync();
        var groups = GroupSchemasByTag(document);

        Assert.Equal(Groups, groups.Keys.Order(StringComparer.Ordinal));
        var schemas = document["components"]!["schemas"]!.AsObject();
        Snapshot.Match(
            JToken.Parse(new JsonObject(groups[group].Order(StringComparer.Ordinal)
                .Select(name => KeyValuePair.Create(name, (JsonNode?)Describe(schemas[name]!.AsObject())))).ToJsonString()),
            SnapshotNameExtension.Create(group));
    }

    [Fact]
    public async Task EveryEndpoint_DocumentsItsStatusCodes()
    {
        var expected = new Dictionary<string, string>
        {
            ["GET /api/v1/account"] = "200 401",
            ["PATCH /api/v1/account"] = "200 400 401 409 415",
            ["DELETE /api/v1/account"] = "204 400 401 403 415 429",
            ["GET /api/v1/account/export"] = "200 401",
            ["GET /api/v1/account/privacy"] = "200 401",
            ["PUT /api/v1/account/privacy"] = "200 400 401 415 503",
            ["POST /api/v1/account/password"] = "204 400 401 403 409 415 429",
            ["GET /api/v1/account/security-log"] = "200 400 401 403",
            ["GET /api/v1/account/sessions"] = "200 401 403",
            ["GET /api/v1/auth/authorize"] = "302 400",
            ["POST /api/v1/account/sessions/end-others"] = "200 401 403",
            ["DELETE /api/v1/account/sessions/{id}"] = "204 401 403 404",
            ["POST /api/v1/auth/login"] = "200 400 401 413 429",
            ["POST /api/v1/auth/logout"] = "204",
            ["GET /api/v1/auth/me"] = "200 401",
            ["POST /api/v1/auth/password-reset"] = "204 400 413 415 429",
            ["POST /api/v1/auth/password-reset/request"] = "202 400 413 415 429",
            ["POST /api/v1/auth/refresh"] = "200 400",
            ["POST /api/v1/auth/register"] = "201 400 409 413 429",
            ["POST /api/v1/auth/revoke"] = "200 400 401",
            ["POST /api/v1/resend-verification"] = "202 400 413 415 429",
            ["POST /api/v1/verify-email"] = "200 400 413 415",
            ["GET /api/v1/insights/daily"] = "200 400 401",
            ["GET /api/v1/insights/domains"] = "200 400 401",
            ["GET /api/v1/insights/hours"] = "200 400 401",
            ["GET /api/v1/insights/recent"] = "200 400 401",
            ["GET /api/v1/insights/summary"] = "200 400 401",
            ["GET /api/v1/data/limits"] = "200",
            ["GET /api/v1/data/page-visits"] = "200 400 401",
            ["DELETE /api/v1/data/page-visits"] = "200 400 401 503",
            ["DELETE /api/v1/data/page-visits/{id}"] = "204 401 404 503",
            ["GET /api/v1/data/status"] = "200 401",
            ["POST /api/v1/data/sync"] = "200 400 401 413 415 429 503",
            ["GET /api/v1/data/syncs"] = "200 400 401",
            ["GET /api/v1/data/tab-aggregates"] = "200 400 401",
            ["DELETE /api/v1/data/tab-aggregates"] = "200 400 401 503",
        };

        var documented = Operations(await DocumentAsync()).ToDictionary(
            o => o.Name, o => string.Join(" ", o.Operation["responses"]!.AsObject().Select(r => r.Key).Order(StringComparer.Ordinal)));

        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), documented.OrderBy(d => d.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task OperationsNeedingAToken_UseTheBearerSchemeAndDocument401()
    {
        var document = await DocumentAsync();

        var bearer = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal("http", bearer["type"]!.GetValue<string>());
        Assert.Equal("bearer", bearer["scheme"]!.GetValue<string>());
        Assert.Equal("JWT", bearer["bearerFormat"]!.GetValue<string>());
        var secured = Operations(document).Where(o => o.Operation["security"] is not null).ToList();
        Assert.Equal(25, secured.Count);
        Assert.All(secured, o =>
        {
            Assert.Equal(["Bearer"], o.Operation["security"]!.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)));
            Assert.True(o.Operation["responses"]!.AsObject().ContainsKey("401"), o.Name);
        });
        Assert.Null(document["paths"]!["/api/v1/data/limits"]!["get"]!["security"]);
        Assert.Null(document["paths"]!["/api/v1/auth/register"]!["post"]!["security"]);
    }

    [Fact]
    public async Task RateLimitedEndpoints_Document429()
    {
        var document = await DocumentAsync();
        var limited = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null && e.Metadata.GetMetadata<HeyHo.Api.Web.WebPage>() is null)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods
                .Select(method => (Method: method.ToLowerInvariant(), Path: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .ToList();

        Assert.Equal(5, limited.Count);
        Assert.All(limited, e => Assert.True(
            document["paths"]![e.Path]![e.Method]!["responses"]!.AsObject().ContainsKey("429"), $"{e.Method} {e.Path}"));
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

    private static string List(IEnumerable<string>? items) => items?.Any() == true ? string.Join(", ", items) : "none";

    /// <summary>"application/json: SyncBatchResponse" per content type, or "no body".</summary>
    private static string Content(JsonNode? content) => content is null ? "no body" : string.Join("; ",
        content.AsObject().Select(c => $"{c.Key}: {SchemaName(c.Value!["schema"])}"));

    /// <summary>A schema as a reader names it: its component name, X[] for an array, {fields} for an inline object.</summary>
    private static string SchemaName(JsonNode? schema) => schema switch
    {
        null => "",
        _ when schema["$ref"] is { } reference => reference.GetValue<string>().Split('/')[^1],
        _ when schema["items"] is { } items => SchemaName(items) + "[]",
        _ when (schema["oneOf"] ?? schema["anyOf"]) is JsonArray options => string.Join(" | ", options.Select(SchemaName)),
        _ when schema["properties"] is JsonObject properties => "{" + string.Join(", ", properties.Select(p =>
            schema["required"]?.AsArray().Any(r => r!.GetValue<string>() == p.Key) == true ? p.Key + "*" : p.Key)) + "}",
        _ when schema["additionalProperties"] is { } values => $"map of {SchemaName(values)}",
        _ => TypeName(schema),
    };

    private static string TypeName(JsonNode schema)
    {
        var type = schema["type"] switch
        {
            JsonArray types => string.Join(" | ", types.Select(t => t!.GetValue<string>())),
            { } single => single.GetValue<string>(),
            null => "any",
        };
        return schema["format"] is { } format ? $"{type} ({format.GetValue<string>()})" : type;
    }

    /// <summary>A component schema as one line per property ("type", ", required"), or its description.</summary>
    private static JsonNode Describe(JsonObject schema)
    {
        if (schema["properties"] is not JsonObject properties)
        {
            return JsonValue.Create(SchemaName(schema) + (schema["description"] is { } description ? $": {description.GetValue<string>()}" : ""));
        }
        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        return new JsonObject(properties.Select(p => KeyValuePair.Create(p.Key,
            (JsonNode?)(Property(p.Value!) + (required.Contains(p.Key) ? ", required" : "")))));
    }

    private static string Property(JsonNode schema) => schema["items"] is { } items
        ? SchemaName(items) + "[]" + (schema["type"] is JsonArray types && types.Any(t => t!.GetValue<string>() == "null") ? " | null" : "")
        : SchemaName(schema);

    /// <summary>
    /// Each component schema under the one tag whose operations use it (directly or through other schemas), or under
    /// "Shared" when several tags' operations do.
    /// </summary>
    private static Dictionary<string, List<string>> GroupSchemasByTag(JsonObject document)
    {
        var schemas = document["components"]!["schemas"]!.AsObject();
        var tagsOfSchema = schemas.ToDictionary(s => s.Key, _ => new HashSet<string>());
        foreach (var (_, operation) in Operations(document))
        {
            var tag = operation["tags"]![0]!.GetValue<string>();
            var pending = new Stack<string>(References(operation));
            while (pending.TryPop(out var name))
            {
                if (tagsOfSchema[name].Add(tag))
                {
                    foreach (var next in References(schemas[name]!))
                    {
                        pending.Push(next);
                    }
                }
            }
        }
        return tagsOfSchema.GroupBy(s => s.Value.Count switch { 0 => "Unused", 1 => s.Value.Single(), _ => "Shared" })
            .ToDictionary(g => g.Key, g => g.Select(s => s.Key).ToList());
    }

    private static IEnumerable<string> References(JsonNode node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "$ref" ? [p.Value!.GetValue<string>().Split('/')[^1]] : References(p.Value!)),
        JsonArray array => array.SelectMany(item => item is null ? [] : References(item)),
        _ => [],
    };
}
