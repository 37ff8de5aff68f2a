using System.Net;

namespace HeyHo.Api.Tests.Harness;

/// <summary>An API with one rate limit lowered (the others stay out of the way), and what a refusal must look like.</summary>
public static class RateLimitedApi
{
    public static HeyHoApiFactory Create(string limit, int permits) => new(new Dictionary<string, string?>
    {
        [$"RateLimits:{limit}:PermitLimit"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"RateLimits:{limit}:Window"] = "00:10:00",
    });

    public static async Task AssertTooManyRequestsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(429, (await response.ReadJsonAsync())["status"]!.GetValue<int>());
    }
}
