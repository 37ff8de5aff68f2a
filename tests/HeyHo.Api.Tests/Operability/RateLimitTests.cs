using System.Net;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Infrastructure;

namespace HeyHo.Api.Tests.Operability;

/// <summary>Each limit at its edge: the last permitted request passes, the next gets 429 with Retry-After.</summary>
public sealed class RateLimitTests
{
    private static HeyHoApiFactory Factory(string limit, int permits) => new(new Dictionary<string, string?>
    {
        [$"RateLimits:{limit}:PermitLimit"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"RateLimits:{limit}:Window"] = "00:10:00",
    });

    private static async Task AssertTooManyRequests(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(429, (await response.ReadJsonAsync())["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task PasswordGrantsPerUsername()
    {
        using var factory = Factory("PasswordGrantsPerUsername", 3);
        var client = factory.CreateClient();
        await client.RegisterAsync("limited@example.com");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync("limited@example.com", $"wrong password {i:D4}")).StatusCode);
        }
        await AssertTooManyRequests(await client.PasswordGrantAsync("LIMITED@example.com"));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync("someone.else@example.com", "wrong password 9999")).StatusCode);
    }

    [Fact]
    public async Task PasswordGrantsPerIp()
    {
        using var factory = Factory("PasswordGrantsPerIp", 3);
        var client = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PasswordGrantAsync($"user{i}@example.com", "wrong password 0000")).StatusCode);
        }
        await AssertTooManyRequests(await client.PasswordGrantAsync("user9@example.com", "wrong password 0000"));
    }

    [Fact]
    public async Task RefreshGrants_AreNotCountedAsPasswordGrants()
    {
        using var factory = Factory("PasswordGrantsPerIp", 2);
        var client = factory.CreateClient();
        await client.RegisterAsync("refresher@example.com");
        var tokens = await client.LoginAsync("refresher@example.com");

        for (var i = 0; i < 3; i++)
        {
            tokens = await TestApi.ReadTokensAsync(await client.RefreshGrantAsync(tokens.RefreshToken));
        }
    }

    [Fact]
    public async Task RegistrationsPerIp()
    {
        using var factory = Factory("RegistrationsPerIp", 2);
        var client = factory.CreateClient();
        await client.RegisterAsync("first@example.com");
        await client.RegisterAsync("second@example.com");

        var third = await client.PostAsync("/api/v1/auth/register", System.Net.Http.Json.JsonContent.Create(new { email = "third@example.com", password = TestApi.Password }));

        await AssertTooManyRequests(third);
        Assert.Equal(2, factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\""));
    }

    [Fact]
    public async Task SyncsPerUser_OtherUsersUnaffected()
    {
        using var factory = Factory("SyncsPerUser", 2);
        var (alice, _, _) = await factory.SignedInUserAsync();
        var (bob, _, _) = await factory.SignedInUserAsync();

        Assert.Equal(HttpStatusCode.OK, (await alice.SyncAsync(SyncData.Visits(1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.SyncAsync(SyncData.Visits(1, first: 1))).StatusCode);
        var third = await alice.SyncAsync(SyncData.Visits(1, first: 2));

        await AssertTooManyRequests(third);
        Assert.Equal(2, factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
        Assert.Equal(HttpStatusCode.OK, (await bob.SyncAsync(SyncData.Visits(1))).StatusCode);
    }
}
