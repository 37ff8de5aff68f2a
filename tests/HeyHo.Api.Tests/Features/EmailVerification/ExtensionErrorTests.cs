using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.EmailVerification;

/// <summary>
/// Errors as the published extension reads them: it parses a body only when the Content-Type contains
/// "application/json" and shows body.message. Routes marked WithExtensionErrors (here the verification routes) keep the
/// RFC 9457 members, add "message" and are served as application/json; other routes keep application/problem+json.
/// </summary>
public sealed class ExtensionErrorTests : IDisposable
{
    private static readonly string[] Volatile = ["traceId"];
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>What the extension shows the user for an error answer, read exactly as it reads it.</summary>
    private static async Task<string> WhatTheExtensionShows(HttpResponseMessage response)
    {
        var contentType = response.Content.Headers.ContentType?.ToString() ?? string.Empty;
        Assert.Contains("application/json", contentType, StringComparison.Ordinal);
        var body = await Body(response);
        return body["message"]?.GetValue<string>() ?? body["error"]?.GetValue<string>() ?? $"HTTP {(int)response.StatusCode}";
    }

    private static async Task<JsonObject> Body(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    private static async Task AssertProblemMembers(HttpResponseMessage response)
    {
        var body = await Body(response);
        Assert.Equal((int)response.StatusCode, body["status"]!.GetValue<int>());
        Assert.NotNull(body["type"]);
        Assert.NotNull(body["title"]);
        Assert.NotNull(body["traceId"]);
    }

    [Fact]
    public async Task ValidationError_IsJson_AndTheMessageIsTheFirstFieldError()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/verify-email", new { email = "", code = "123456" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("'email' must not be empty.", await WhatTheExtensionShows(response));
        await AssertProblemMembers(response);
        Assert.NotNull((await Body(response))["errors"]!["email"]);
    }

    [Fact]
    public async Task RefusedCode_IsJson_AndTheMessageSaysWhy()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/verify-email", new { email = "nobody@example.com", code = "123456" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The code is wrong or no longer valid. Request a new one if it has expired.", await WhatTheExtensionShows(response));
    }

    [Fact]
    public async Task MalformedJson_IsJson_AndTheMessageIsTheTitle()
    {
        var response = await _factory.CreateClient().PostAsync("/api/v1/verify-email", new StringContent("{\"email\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The request body could not be read as the JSON this endpoint expects.", await WhatTheExtensionShows(response));
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), Volatile);
    }

    [Fact]
    public async Task WrongContentType_IsJson_WithAMessage()
    {
        var response = await _factory.CreateClient().PostAsync("/api/v1/resend-verification", new StringContent("email=a@example.com", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("The request body must be application/json.", await WhatTheExtensionShows(response));
        await AssertProblemMembers(response);
    }

    [Fact]
    public async Task BodyTooLarge_IsJson_WithAMessage()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/v1/resend-verification", new { email = new string('a', 70_000) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("The request body must be at most 65536 bytes.", await WhatTheExtensionShows(response));
    }

    [Fact]
    public async Task RoutesWithoutTheMarker_KeepProblemJson_WithoutAMessage()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var response = await client.PatchAsJsonAsync("/api/v1/account", new { displayName = new string('x', 101) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Null((await Body(response))["message"]);
    }
}
