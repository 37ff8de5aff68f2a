using System.Net;
using System.Net.Http.Json;
using System.Text;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Infrastructure;

public sealed class HttpHardeningTests
{
    private static HttpRequestMessage Preflight(string origin, string path = "/api/v1/data/sync")
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

    [Fact]
    public async Task Cors_ConfiguredExtensionOrigin_PassesPreflight()
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?>
        {
            ["Cors:AllowedOrigins:0"] = "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
            ["Cors:AllowedOrigins:1"] = "moz-extension://0b7e2f7a-1111-2222-3333-444455556666",
        });
        var client = factory.CreateClient();

        var chrome = await client.SendAsync(Preflight("chrome-extension://abcdefghijklmnopabcdefghijklmnop"));
        var firefox = await client.SendAsync(Preflight("moz-extension://0b7e2f7a-1111-2222-3333-444455556666", "/api/v1/auth/login"));
        var stranger = await client.SendAsync(Preflight("https://evil.example"));

        Assert.Equal(HttpStatusCode.NoContent, chrome.StatusCode);
        Assert.Equal("chrome-extension://abcdefghijklmnopabcdefghijklmnop", chrome.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", chrome.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Equal("moz-extension://0b7e2f7a-1111-2222-3333-444455556666", firefox.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(stranger.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_ByDefault_NoOriginIsAllowed()
    {
        using var factory = new HeyHoApiFactory();

        var response = await factory.CreateClient().SendAsync(Preflight("chrome-extension://abcdefghijklmnopabcdefghijklmnop"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task BodyLimit_SmallEndpointsRefuseLargeBodiesWith413()
    {
        using var factory = new HeyHoApiFactory();
        var client = factory.CreateClient();
        var padding = new string('x', 64 * 1024);

        var register = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "big@example.com", password = TestApi.Password, displayName = padding });
        var token = await client.PostAsync("/api/v1/auth/login", new StringContent(
            $"grant_type=password&client_id=heyho-extension&username=big%40example.com&password={padding}", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, register.StatusCode);
        Assert.Equal("application/json", register.Content.Headers.ContentType!.MediaType); // the extension's route: JSON with a message
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, token.StatusCode);
        Assert.Equal(0, factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\""));
    }
}
