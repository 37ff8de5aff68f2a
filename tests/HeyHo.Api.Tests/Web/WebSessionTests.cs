using System.Net;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace HeyHo.Api.Tests.Web;

/// <summary>A browser's sign-in is a HeyHo session like a token login: listed, ended from anywhere, checked on every request.</summary>
public sealed class WebSessionTests : IDisposable
{
    private const string Email = "ada@example.com";
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<(WebForms Browser, Tokens Api)> SignedInAsync()
    {
        await _factory.CreateClient().RegisterAsync(Email, WebForms.StrongPassword);
        var browser = WebForms.Create(_factory);
        await browser.SignInAsync(Email);
        return (browser, await _factory.CreateClient().LoginAsync(Email, WebForms.StrongPassword));
    }

    private async Task<JsonArray> SessionsAsync(Tokens tokens) =>
        (JsonArray)(await (await _factory.CreateClient().SendAsync(HttpMethod.Get, "/api/v1/account/sessions", tokens.AccessToken)).ReadJsonAsync())["items"]!;

    [Fact]
    public async Task WebSession_IsListedAsWeb_AndEndingItFromTheApiSignsTheBrowserOutAtOnce()
    {
        var (browser, api) = await SignedInAsync();
        var web = (await SessionsAsync(api)).Single(s => s!["client"]!.GetValue<string>() == "Web")!;

        var ended = await _factory.CreateClient().SendAsync(HttpMethod.Delete, $"/api/v1/account/sessions/{web["id"]}", api.AccessToken);
        var (home, _) = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/sign-in", home.Headers.Location!.AbsolutePath);
        Assert.Contains(home.Headers.GetValues("Set-Cookie"), c => c.StartsWith("heyho.session=;", StringComparison.Ordinal)); // deleted
    }

    [Fact]
    public async Task SignOut_EndsTheSession_ACopyOfTheOldCookieIsRefused()
    {
        var (browser, api) = await SignedInAsync();
        await browser.GetAsync("/sign-out");
        var copy = WebForms.Create(_factory);
        foreach (var cookie in browser.CookiesFor("http://localhost/"))
        {
            copy.SetCookie("http://localhost/", cookie);
        }

        var (signedOut, _) = await browser.PostAsync("/sign-out", new Dictionary<string, string?>());
        var (replayed, _) = await copy.GetAsync("/");

        Assert.Equal("/sign-in?notice=signed-out", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.DoesNotContain(await SessionsAsync(api), s => s!["client"]!.GetValue<string>() == "Web");
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"SecurityEvents\" WHERE \"Kind\" = 'SessionEnded' AND \"Client\" = 'Web'"));
    }

    [Fact]
    public async Task PasswordChange_EndsTheWebSessionToo()
    {
        var (browser, api) = await SignedInAsync();

        var changed = await _factory.CreateClient().SendAsync(HttpMethod.Post, "/api/v1/account/password", api.AccessToken,
            new { currentPassword = WebForms.StrongPassword, newPassword = "another violet tugboat" });
        var (home, _) = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task Pruning_AfterTheCookieLifetime_EndsTheWebSession()
    {
        await SignedInAsync();
        _factory.Clock.Advance(TimeSpan.FromDays(15));
        var fresh = await _factory.CreateClient().LoginAsync(Email, WebForms.StrongPassword);

        await _factory.Services.GetRequiredService<HeyHo.Api.Auth.TokenPruning>().PruneOnceAsync(CancellationToken.None);

        Assert.DoesNotContain(await SessionsAsync(fresh), s => s!["client"]!.GetValue<string>() == "Web");
    }
}
