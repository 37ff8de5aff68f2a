using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Privacy;

/// <summary>Records of chosen domains, and the privacy settings calls.</summary>
public static class PrivacyData
{
    public const string Path = "/api/v1/account/privacy";

    public static JsonObject VisitOf(int n, string? domain, string url, long? startedAt = null)
    {
        var visit = SyncData.Visit(n, startedAt: startedAt);
        visit["domain"] = domain;
        visit["url"] = url;
        return visit;
    }

    /// <summary>A tab aggregate whose current page is on <paramref name="current"/> and whose durations name <paramref name="visited"/> too.</summary>
    public static JsonObject AggregateOf(int tabId, string current, string[]? visited = null, string? mostVisited = null, long? startTime = null)
    {
        var aggregate = SyncData.Aggregate(tabId, startTime);
        aggregate["currentDomain"] = current;
        aggregate["currentUrl"] = $"https://{current}/page";
        aggregate["domainDurations"] = new JsonObject([.. new[] { current }.Concat(visited ?? []).Distinct().Select(d => KeyValuePair.Create(d, (JsonNode?)1000))]);
        aggregate["statistics"] = new JsonObject { ["mostVisitedDomain"] = mostVisited ?? current };
        return aggregate;
    }

    /// <summary>Logs the client's user in again, for when the test clock has run past its access token.</summary>
    public static async Task SignInAgainAsync(this HttpClient client, HeyHoApiFactory factory, string email)
    {
        var tokens = await factory.CreateClient().LoginAsync(email);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
    }

    public static Task<HttpResponseMessage> PutPrivacyAsync(this HttpClient client, object settings) => client.PutAsJsonAsync(Path, settings);

    public static async Task<JsonObject> ExcludeAsync(this HttpClient client, params string[] domains)
    {
        var response = await client.PutPrivacyAsync(new { excludedDomains = domains, stripQueryStrings = false });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static async Task<List<string>> StoredUrlsAsync(this HttpClient client) =>
        [.. (await client.ReadAllAsync("/api/v1/data/page-visits", 100)).Select(v => v["url"]!.GetValue<string>()).Order(StringComparer.Ordinal)];
}
