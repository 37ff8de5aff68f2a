using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;
using Newtonsoft.Json.Linq;
using Snapshooter;
using Snapshooter.Xunit;

namespace HeyHo.Api.Tests.Auth;

/// <summary>The token, revocation and authorization endpoints in the OpenAPI document: OpenIddict serves them, Auth describes them.</summary>
public sealed class OAuthEndpointDocsTests
{
    private static async Task<JsonNode> DocumentAsync(HeyHoApiFactory factory) =>
        JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;

    private static string[] Names(JsonNode? node) => node!.AsObject().Select(p => p.Key).ToArray();

    private static string[] Strings(JsonNode? node) => node!.AsArray().Select(v => v!.GetValue<string>()).ToArray();

    [Theory]
    [InlineData("/api/v1/auth/login")]
    [InlineData("/api/v1/auth/refresh")]
    [InlineData("/api/v1/auth/revoke")]
    [InlineData("/api/v1/auth/authorize")]
    public async Task OAuthEndpoint_IsDescribedInFull(string path)
    {
        using var factory = new HeyHoApiFactory();

        var described = (await DocumentAsync(factory))["paths"]![path]!;

        Snapshot.Match(JToken.Parse(described.ToJsonString()), SnapshotNameExtension.Create(path.Split('/')[^1]));
    }

    [Fact]
    public async Task TokenEndpoint_TakesTheRfc6749FormAndAnswersTokensOrOAuthErrors()
    {
        using var factory = new HeyHoApiFactory();
        var token = (await DocumentAsync(factory))["paths"]!["/api/v1/auth/login"]!["post"]!;

        var form = token["requestBody"]!["content"]!["application/x-www-form-urlencoded"]!["schema"]!;
        Assert.Equal(["grant_type", "client_id", "username", "password", "scope", "refresh_token", "code", "redirect_uri", "code_verifier"], Names(form["properties"]));
        Assert.Equal(["grant_type", "client_id"], Strings(form["required"]));
        Assert.Equal(["password", "authorization_code", "refresh_token"], Strings(form["properties"]!["grant_type"]!["enum"]));
        Assert.Null(form["properties"]!["client_id"]!["enum"]); // heyho-extension or a configured public client
        var issued = token["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        Assert.Equal(["access_token", "token_type", "expires_in"], Strings(issued["required"]));
        foreach (var status in new[] { "400", "401" })
        {
            var error = token["responses"]![status]!["content"]!["application/json"]!["schema"]!;
            Assert.Equal(["error"], Strings(error["required"]));
            Assert.Equal(["error", "error_description", "error_uri"], Names(error["properties"]));
        }
        Assert.Equal(["200", "400", "401", "413", "429"], Names(token["responses"]));
    }

    [Fact]
    public async Task RevocationEndpoint_TakesTheRfc7009Form()
    {
        using var factory = new HeyHoApiFactory();
        var revoke = (await DocumentAsync(factory))["paths"]!["/api/v1/auth/revoke"]!["post"]!;

        var form = revoke["requestBody"]!["content"]!["application/x-www-form-urlencoded"]!["schema"]!;
        Assert.Equal(["token", "token_type_hint", "client_id"], Names(form["properties"]));
        Assert.Equal(["token", "client_id"], Strings(form["required"]));
        Assert.Equal(["200", "400", "401"], Names(revoke["responses"]));
    }

    [Fact]
    public async Task AuthorizationEndpoint_TakesTheCodeFlowQueryWithPkceAndAnswersRedirects()
    {
        using var factory = new HeyHoApiFactory();
        var authorize = (await DocumentAsync(factory))["paths"]!["/api/v1/auth/authorize"]!;

        var get = authorize["get"]!;
        var parameters = get["parameters"]!.AsArray();
        Assert.Equal(["get"], Names(authorize));
        Assert.All(parameters, p => Assert.Equal("query", p!["in"]!.GetValue<string>()));
        Assert.Equal(["client_id", "redirect_uri", "response_type", "code_challenge", "code_challenge_method"],
            parameters.Where(p => p!["required"]?.GetValue<bool>() == true).Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal(["S256"], Strings(parameters.Single(p => p!["name"]!.GetValue<string>() == "code_challenge_method")!["schema"]!["enum"]));
        Assert.Equal(["302", "400"], Names(get["responses"]));
        Assert.Equal(["Auth"], Strings(get["tags"]));
    }

    [Theory]
    [InlineData(null, "15 minutes")]
    [InlineData("00:05:00", "5 minutes")]
    [InlineData("00:01:00", "1 minute")]
    [InlineData("00:01:30", "90 seconds")]
    public async Task BearerScheme_NamesTheTokenEndpointAndTheConfiguredLifetime(string? lifetime, string described)
    {
        using var factory = new HeyHoApiFactory(lifetime is null ? null : new Dictionary<string, string?> { ["Auth:AccessTokenLifetime"] = lifetime });

        var bearer = (await DocumentAsync(factory))["components"]!["securitySchemes"]!["Bearer"]!;

        Assert.Equal($"An access token from POST /api/v1/auth/login (RS256 JWT, {described}).", bearer["description"]!.GetValue<string>());
    }
}
