using System.Net;
using System.Net.Http.Json;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.EmailVerification;

/// <summary>Resends are limited per address (known or not, counted alike) and per client IP: 429 + Retry-After, as JSON the extension reads.</summary>
public sealed class ResendRateLimitTests
{
    private static readonly string[] Volatile = ["traceId"];

    private static HeyHoApiFactory Factory(string limit, int permits) => new(new Dictionary<string, string?>
    {
        [$"RateLimits:{limit}:PermitLimit"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"RateLimits:{limit}:Window"] = "00:10:00",
    });

    private static Task<HttpResponseMessage> Resend(HttpClient client, string email) =>
        client.PostAsJsonAsync("/api/v1/resend-verification", new { email });

    private static async Task AssertTooManyRequests(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Too many requests; retry after the time in Retry-After.", (await response.ReadJsonAsync())["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task PerEmail_TheNextResendIs429_KnownAndUnknownAlike_OtherAddressesUnaffected()
    {
        using var factory = Factory("VerificationResendsPerEmail", 2);
        var client = factory.CreateClient();
        await client.RegisterAsync("known@example.com");

        var known = new List<HttpResponseMessage>();
        var unknown = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            known.Add(await Resend(client, i == 2 ? " KNOWN@example.com" : "known@example.com"));
            unknown.Add(await Resend(client, "unknown@example.com"));
        }

        Assert.All(known.Take(2).Concat(unknown.Take(2)), r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        await AssertTooManyRequests(known[2]);
        await AssertTooManyRequests(unknown[2]);
        Assert.Equal(await known[2].Content.ReadAsStringAsync() is var k ? Scrub(k) : null, Scrub(await unknown[2].Content.ReadAsStringAsync()));
        Snapshots.MatchJson(await known[2].Content.ReadAsStringAsync(), Volatile);
        Assert.Equal(HttpStatusCode.Accepted, (await Resend(client, "someone.else@example.com")).StatusCode);
        Assert.Equal(3, factory.Count("SELECT COUNT(*) FROM \"OutboxMessages\"")); // sign-up + two resends
    }

    [Fact]
    public async Task PerIp_TheNextResendIs429_WhateverTheAddress()
    {
        using var factory = Factory("VerificationResendsPerIp", 3);
        var client = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Resend(client, $"user{i}@example.com")).StatusCode);
        }
        var fourth = await Resend(client, "user9@example.com");

        await AssertTooManyRequests(fourth);
    }

    private static string Scrub(string json) => System.Text.RegularExpressions.Regex.Replace(json, "\"traceId\":\"[^\"]*\"", string.Empty);
}
