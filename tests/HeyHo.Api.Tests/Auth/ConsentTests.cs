using System.Net;
using Duende.IdentityModel.OidcClient;
using HeyHo.Api.Auth;
using HeyHo.Api.Tests.Harness;
using Microsoft.AspNetCore.WebUtilities;

namespace HeyHo.Api.Tests.Auth;

/// <summary>
/// The consent page of a third-party public client (Auth:PublicClients with FirstParty false): asked before its first
/// code, not again while one of its sessions is live; allow, deny, prompt=none, forged and expired answers.
/// </summary>
public sealed class ConsentTests : IDisposable
{
    private const string Email = "grace@example.com";
    private readonly HeyHoApiFactory _factory = new(PublicClients.Settings());

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task OidcClient_ThirdParty_SignsInAnswersTheConsentPageAndGetsWorkingTokens()
    {
        await _factory.CreateClient().RegisterAsync(Email, WebForms.StrongPassword);
        using var web = WebForms.Create(_factory);
        var browser = new FormPostingBrowser(web, Email, WebForms.StrongPassword);
        var client = new OidcClient(new OidcClientOptions
        {
            Authority = "http://localhost",
            ClientId = PublicClients.ThirdParty,
            RedirectUri = PublicClients.ThirdPartyRedirect,
            Scope = "openid offline_access",
            LoadProfile = false,
            Browser = browser,
            HttpClientFactory = _ => _factory.CreateClient(),
            Policy = new Policy { Discovery = new Duende.IdentityModel.Client.DiscoveryPolicy { RequireHttps = false } },
        });

        var login = await client.LoginAsync(new LoginRequest());

        Assert.False(login.IsError, login.Error + " " + login.ErrorDescription);
        Assert.Equal((1, 1), (browser.SignInFormsPosted, browser.ConsentsGiven));
        var me = await _factory.CreateClient().SendAsync(HttpMethod.Get, "/api/v1/auth/me", login.AccessToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Authorize_ThirdPartyWithoutASession_ShowsTheConsentPageNamingTheAppAndTheAccount()
    {
        using var web = await SignedInBrowserAsync();
        var url = AuthorizeUrl();

        var response = await web.Http.GetAsync(url);
        var (page, html) = await web.GetAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/consent" + new Uri("http://localhost" + url).Query, response.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Allow Acme Notes to use your HeyHo account?", html, StringComparison.Ordinal);
        Assert.Contains($"<strong>{Email}</strong>", html, StringComparison.Ordinal);
        Assert.Contains("It stays connected until you end its session", html, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consent_Allow_IssuesACodeAndNotAgainWhileTheSessionIsLive()
    {
        using var web = await SignedInBrowserAsync();
        var (verifier, challenge) = PublicClients.Pkce();

        var redirect = await AnswerAsync(web, AuthorizeUrl(challenge), "allow");
        var tokens = await TestApi.ReadTokensAsync(await PublicClients.RedeemAsync(
            _factory.CreateClient(), PublicClients.ThirdParty, PublicClients.CodeOf(redirect), PublicClients.ThirdPartyRedirect, verifier));
        var again = await web.Http.GetAsync(AuthorizeUrl());

        Assert.StartsWith(PublicClients.ThirdPartyRedirect + "?code=", redirect.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClient().SendAsync(HttpMethod.Get, "/api/v1/auth/me", tokens.AccessToken)).StatusCode);
        Assert.StartsWith(PublicClients.ThirdPartyRedirect + "?code=", again.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consent_AfterTheAppsSessionIsEnded_IsAskedAgain()
    {
        using var web = await SignedInBrowserAsync();
        var (verifier, challenge) = PublicClients.Pkce();
        var redirect = await AnswerAsync(web, AuthorizeUrl(challenge), "allow");
        await PublicClients.RedeemAsync(
            _factory.CreateClient(), PublicClients.ThirdParty, PublicClients.CodeOf(redirect), PublicClients.ThirdPartyRedirect, verifier);
        var api = _factory.CreateClient();
        var own = await api.LoginAsync(Email, WebForms.StrongPassword); // HeyHo's own client: the sessions list is for it
        var sessions = (await (await api.SendAsync(HttpMethod.Get, "/api/v1/account/sessions", own.AccessToken)).ReadJsonAsync())["items"]!.AsArray();
        var apps = sessions.Single(s => s!["client"]!.GetValue<string>() == PublicClients.ThirdPartyName)!;

        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, $"/api/v1/account/sessions/{apps["id"]}", own.AccessToken)).StatusCode);
        Assert.Equal("/consent", (await web.Http.GetAsync(AuthorizeUrl())).Headers.Location!.AbsolutePathOf());
        var log = (await (await api.SendAsync(HttpMethod.Get, "/api/v1/account/security-log", own.AccessToken)).ReadJsonAsync())["items"]!.AsArray();
        Assert.Contains(log, e => e!["kind"]!.GetValue<string>() == "sessionEnded" && e["client"]?.GetValue<string>() == PublicClients.ThirdPartyName);
    }

    [Theory]
    [InlineData("GET", "/api/v1/account/sessions")]
    [InlineData("DELETE", "/api/v1/account/sessions/any")]
    [InlineData("POST", "/api/v1/account/sessions/end-others")]
    [InlineData("GET", "/api/v1/account/security-log")]
    [InlineData("POST", "/api/v1/account/password")]
    [InlineData("DELETE", "/api/v1/account")]
    public async Task ThirdPartyToken_OnWhatControlsTheAccount_Is403AndChangesNothing(string method, string url)
    {
        var tokens = await ThirdPartyTokensAsync();
        var api = _factory.CreateClient();
        var sessionsBefore = _factory.Count("SELECT COUNT(*) FROM \"OpenIddictAuthorizations\" WHERE \"Status\" = 'valid'");

        var body = method == "GET" ? null : new { password = WebForms.StrongPassword, currentPassword = WebForms.StrongPassword, newPassword = "an entirely different passphrase" };
        var response = await api.SendAsync(new HttpMethod(method), url, tokens.AccessToken, body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(sessionsBefore, _factory.Count("SELECT COUNT(*) FROM \"OpenIddictAuthorizations\" WHERE \"Status\" = 'valid'"));
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, "/api/v1/auth/me", tokens.AccessToken)).StatusCode); // still a user
    }

    [Theory]
    [InlineData("/api/v1/account")]
    [InlineData("/api/v1/account/export")]
    [InlineData("/api/v1/data/page-visits")]
    [InlineData("/api/v1/insights/summary")]
    public async Task ThirdPartyToken_OnTheDataTheConsentPageNames_IsAnswered(string url)
    {
        var tokens = await ThirdPartyTokensAsync();

        var response = await _factory.CreateClient().SendAsync(HttpMethod.Get, url, tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Consent_Deny_AnswersAccessDeniedAtTheRedirectUriAndStartsNoSession()
    {
        using var web = await SignedInBrowserAsync();

        var redirect = await AnswerAsync(web, AuthorizeUrl(), "deny");

        Assert.StartsWith(PublicClients.ThirdPartyRedirect + "?", redirect.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(redirect.Query);
        Assert.Equal("access_denied", query["error"].ToString());
        Assert.Equal("state-1", query["state"].ToString());
        Assert.False(query.ContainsKey("code"));
        Assert.Equal(0, _factory.Count(
            "SELECT COUNT(*) FROM \"OpenIddictAuthorizations\" a JOIN \"OpenIddictApplications\" c ON a.\"ApplicationId\" = c.\"Id\" " +
            $"WHERE c.\"ClientId\" = '{PublicClients.ThirdParty}'"));
    }

    [Fact]
    public async Task Consent_PostedWithoutTheAntiforgeryToken_Is400AndIssuesNothing()
    {
        using var web = await SignedInBrowserAsync();
        var consentPage = (await web.Http.GetAsync(AuthorizeUrl())).Headers.Location!.OriginalString;
        await web.GetAsync(consentPage);

        var (response, html) = await web.PostAsync(consentPage, new Dictionary<string, string?> { ["answer"] = "allow" }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(AuthorizationEndpoint.ConsentParameter + "=", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-ticket")]
    [InlineData("CfDJ8")]
    [InlineData("")]
    public async Task Authorize_WithAForgedConsent_ShowsTheConsentPage(string forged)
    {
        using var web = await SignedInBrowserAsync();

        var response = await web.Http.GetAsync(AuthorizeUrl() + "&consent=" + Uri.EscapeDataString(forged));

        Assert.Equal("/consent", response.Headers.Location!.AbsolutePathOf());
        Assert.DoesNotContain("consent=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_WithAnotherUsersConsent_ShowsTheConsentPage()
    {
        using var alice = await SignedInBrowserAsync();
        var allowedForAlice = await ContinueToAsync(alice, AuthorizeUrl(), "allow");
        await _factory.CreateClient().RegisterAsync("mallory@example.com", WebForms.StrongPassword);
        using var mallory = WebForms.Create(_factory);
        await mallory.SignInAsync("mallory@example.com");

        var response = await mallory.Http.GetAsync(allowedForAlice);

        Assert.Equal("/consent", response.Headers.Location!.AbsolutePathOf());
    }

    [Fact]
    public async Task Authorize_WithTheConsentOfAnotherRequest_ShowsTheConsentPage()
    {
        using var web = await SignedInBrowserAsync();
        var allowed = await ContinueToAsync(web, AuthorizeUrl(), "allow");
        var ticket = QueryHelpers.ParseQuery(new Uri("http://localhost" + allowed).Query)["consent"].ToString();

        var response = await web.Http.GetAsync(AuthorizeUrl() + "&consent=" + Uri.EscapeDataString(ticket)); // a new PKCE challenge

        Assert.Equal("/consent", response.Headers.Location!.AbsolutePathOf());
    }

    [Fact]
    public async Task ConsentPage_PostedWithoutAnAnswer_Is400AndShowsTheQuestionAgain()
    {
        using var web = await SignedInBrowserAsync();
        var consentPage = (await web.Http.GetAsync(AuthorizeUrl())).Headers.Location!.OriginalString;
        await web.GetAsync(consentPage);

        var (response, html) = await web.PostAsync(consentPage, new Dictionary<string, string?> { ["answer"] = "maybe" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose Allow or Deny.", html, StringComparison.Ordinal);
        Assert.Contains("name=\"answer\" value=\"allow\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_WithAConsentOlderThanItsLifetime_ShowsTheConsentPage()
    {
        using var web = await SignedInBrowserAsync();
        var allowed = await ContinueToAsync(web, AuthorizeUrl(), "allow");

        _factory.Clock.Advance(ConsentTickets.Lifetime);
        var response = await web.Http.GetAsync(allowed);

        Assert.Equal("/consent", response.Headers.Location!.AbsolutePathOf());
    }

    [Fact]
    public async Task Authorize_PromptNoneWithoutConsent_AnswersConsentRequiredAtTheRedirectUri()
    {
        using var web = await SignedInBrowserAsync();

        var response = await web.Http.GetAsync(AuthorizeUrl() + "&prompt=none");

        Assert.StartsWith(PublicClients.ThirdPartyRedirect + "?", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("consent_required", QueryHelpers.ParseQuery(response.Headers.Location.Query)["error"].ToString());
    }

    [Theory]
    [InlineData("/consent")]
    [InlineData("/consent?client_id=nobody")]
    [InlineData("/consent?client_id=" + PublicClients.Cli)] // first-party: never asked
    public async Task ConsentPage_WithoutAThirdPartyClient_Is400(string url)
    {
        using var web = await SignedInBrowserAsync();

        var (response, html) = await web.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("open it from the application", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsentPage_SignedOut_SendsTheBrowserToSignIn()
    {
        using var web = WebForms.Create(_factory);

        var response = await web.Http.GetAsync("/consent?client_id=" + PublicClients.ThirdParty);

        Assert.Equal("/sign-in", response.Headers.Location!.AbsolutePathOf());
    }

    [Fact]
    public async Task ThirdPartyToken_ItsEventsInTheSecurityLog_NameTheApp()
    {
        var tokens = await ThirdPartyTokensAsync();
        var api = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, "/api/v1/account/export", tokens.AccessToken)).StatusCode);

        var own = await api.LoginAsync(Email, WebForms.StrongPassword);
        var log = (await (await api.SendAsync(HttpMethod.Get, "/api/v1/account/security-log", own.AccessToken)).ReadJsonAsync())["items"]!.AsArray();

        Assert.Equal(PublicClients.ThirdPartyName, log.Single(e => e!["kind"]!.GetValue<string>() == "dataExported")!["client"]!.GetValue<string>());
    }

    private async Task<Tokens> ThirdPartyTokensAsync()
    {
        using var web = await SignedInBrowserAsync();
        var (verifier, challenge) = PublicClients.Pkce();
        var redirect = await AnswerAsync(web, AuthorizeUrl(challenge), "allow");
        return await TestApi.ReadTokensAsync(await PublicClients.RedeemAsync(
            _factory.CreateClient(), PublicClients.ThirdParty, PublicClients.CodeOf(redirect), PublicClients.ThirdPartyRedirect, verifier));
    }

    private static string AuthorizeUrl(string? challenge = null) =>
        PublicClients.AuthorizeUrl(PublicClients.ThirdParty, PublicClients.ThirdPartyRedirect, challenge ?? PublicClients.Pkce().Challenge);

    private async Task<WebForms> SignedInBrowserAsync()
    {
        await _factory.CreateClient().RegisterAsync(Email, WebForms.StrongPassword);
        var browser = WebForms.Create(_factory);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(Email)).Response.StatusCode);
        return browser;
    }

    /// <summary>Authorize, answer the consent page, and return the page's onward link to the authorization endpoint.</summary>
    private static async Task<string> ContinueToAsync(WebForms web, string authorizeUrl, string answer)
    {
        var consentPage = (await web.Http.GetAsync(authorizeUrl)).Headers.Location!.OriginalString;
        await web.GetAsync(consentPage);
        var (response, html) = await web.PostAsync(consentPage, new Dictionary<string, string?> { ["answer"] = answer });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return System.Net.WebUtility.HtmlDecode(FormPostingBrowser.ContinueLink().Match(html).Groups[1].Value);
    }

    /// <summary>Authorize, answer the consent page, follow its onward link: the redirect to the client.</summary>
    private static async Task<Uri> AnswerAsync(WebForms web, string authorizeUrl, string answer)
    {
        var response = await web.Http.GetAsync(await ContinueToAsync(web, authorizeUrl, answer));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }
}

internal static class LocationPaths
{
    /// <summary>The path of a Location, relative or absolute.</summary>
    public static string AbsolutePathOf(this Uri location) => new Uri(new Uri("http://localhost"), location).AbsolutePath;
}
