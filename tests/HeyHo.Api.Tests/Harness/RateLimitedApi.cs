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

    /// <param name="extensionRoute">Routes the extension calls answer application/json with a message (it does not read problem+json).</param>
    public static async Task AssertTooManyRequestsAsync(HttpResponseMessage response, bool extensionRoute = false)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(extensionRoute ? "application/json" : "application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal(429, body["status"]!.GetValue<int>());
        Assert.Equal(extensionRoute, body["message"] is not null);
    }
}
