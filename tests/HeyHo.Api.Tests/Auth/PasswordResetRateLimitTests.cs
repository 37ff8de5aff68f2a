using System.Net;
using System.Net.Http.Json;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Auth;

/// <summary>Reset requests are limited per address (known or not, counted alike) and per client IP: 429 + Retry-After.</summary>
public sealed class PasswordResetRateLimitTests
{
    private static HeyHoApiFactory Factory(string limit, int permits) => new(new Dictionary<string, string?>
    {
        [$"RateLimits:{limit}:PermitLimit"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"RateLimits:{limit}:Window"] = "00:10:00",
    });

    private static Task<HttpResponseMessage> RequestReset(HttpClient client, string email) =>
        client.PostAsJsonAsync("/api/v1/auth/password-reset/request", new { email });

    private static async Task AssertTooManyRequests(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Too many requests; retry after the time in Retry-After.", (await response.ReadJsonAsync())["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task PerEmail_TheThirdRequestIs429_KnownAndUnknownAlike_OtherAddressesUnaffected()
    {
        using var factory = Factory("PasswordResetRequestsPerEmail", 2);
        var client = factory.CreateClient();
        await client.RegisterAsync("known@example.com");

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await RequestReset(client, "known@example.com")).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await RequestReset(client, "nobody@example.com")).StatusCode);
        }

        await AssertTooManyRequests(await RequestReset(client, " KNOWN@example.com"));
        await AssertTooManyRequests(await RequestReset(client, "nobody@example.com"));
        Assert.Equal(HttpStatusCode.Accepted, (await RequestReset(client, "other@example.com")).StatusCode);
    }

    [Fact]
    public async Task PerIp_TheNextRequestIs429_WhateverTheAddress()
    {
        using var factory = Factory("PasswordResetRequestsPerIp", 2);
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await RequestReset(client, "a@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await RequestReset(client, "b@example.com")).StatusCode);

        await AssertTooManyRequests(await RequestReset(client, "c@example.com"));
    }
}
