using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Web;

/// <summary>A user signed in twice: in a browser (the pages) and with a token (the API, to sync and to compare).</summary>
public sealed record SignedInUser(string Email, WebForms Browser, HttpClient Api, Tokens Tokens)
{
    public static async Task<SignedInUser> CreateAsync(HeyHoApiFactory factory)
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        await factory.CreateClient().RegisterAsync(email, WebForms.StrongPassword);
        var browser = WebForms.Create(factory);
        await browser.SignInAsync(email);
        var tokens = await factory.CreateClient().LoginAsync(email, WebForms.StrongPassword);
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return new SignedInUser(email, browser, api, tokens);
    }

    public async Task SyncAsync(params JsonObject[] visits)
    {
        var response = await Api.SyncAsync(SyncData.Batch(visits));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static JsonObject Visit(int n, string? title = null, string? domain = null, long? startedAt = null)
    {
        var visit = SyncData.Visit(n, startedAt: startedAt);
        if (title is not null)
        {
            visit["title"] = title;
        }
        if (domain is not null)
        {
            visit["domain"] = domain;
            visit["url"] = $"https://{domain}/page/{n}";
        }
        return visit;
    }
}
