using System.Net;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Auth;

/// <summary>The token endpoint's limits at their edge: the last permitted password grant passes, the next gets 429 with Retry-After.</summary>
public sealed class PasswordGrantRateLimitTests
{
    [Fact]
    public async Task PasswordGrantsPerUsername()
    {
        using var factory = RateLimitedApi.Create("PasswordGrantsPerUsername", 3);
        var client = factory.CreateClient();
        await client.RegisterAsync("limited@example.com");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync("limited@example.com", $"wrong password {i:D4}")).StatusCode);
        }
        await RateLimitedApi.AssertTooManyRequestsAsync(await client.PasswordGrantAsync("LIMITED@example.com"), extensionRoute: true);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync("someone.else@example.com", "wrong password 9999")).StatusCode);
    }

    [Fact]
    public async Task PasswordGrantsPerIp()
    {
        using var factory = RateLimitedApi.Create("PasswordGrantsPerIp", 3);
        var client = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync($"user{i}@example.com", "wrong password 0000")).StatusCode);
        }
        await RateLimitedApi.AssertTooManyRequestsAsync(await client.PasswordGrantAsync("user9@example.com", "wrong password 0000"), extensionRoute: true);
    }

    [Fact]
    public async Task RefreshGrants_AreNotCountedAsPasswordGrants()
    {
        using var factory = RateLimitedApi.Create("PasswordGrantsPerIp", 2);
        var client = factory.CreateClient();
        await client.RegisterAsync("refresher@example.com");
        var tokens = await client.LoginAsync("refresher@example.com");

        for (var i = 0; i < 3; i++)
        {
            tokens = await TestApi.ReadTokensAsync(await client.RefreshGrantAsync(tokens.RefreshToken));
        }
    }
}
