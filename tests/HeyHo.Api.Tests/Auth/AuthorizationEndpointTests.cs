using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;
using HeyHo.Api.Tests.Harness;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HeyHo.Api.Tests.Auth;

/// <summary>The authorization code flow with PKCE for configured public clients, driven by a standard OAuth/OIDC client library and by hand.</summary>
public sealed class AuthorizationEndpointTests : IDisposable
{
    private const string Email = "ada@example.com";
    private const string Loopback = "http://127.0.0.1:53682/callback";
    private readonly HeyHoApiFactory _factory = new(PublicClients.Settings());

    public void Dispose() => _factory.Dispose();

    private async Task<WebForms> SignedInBrowserAsync()
    {
        await _factory.CreateClient().RegisterAsync(Email, WebForms.StrongPassword);
        var browser = WebForms.Create(_factory);
        var (response, _) = await browser.SignInAsync(Email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private OidcClient Client(FormPostingBrowser browser, string redirectUri = Loopback) => new(new OidcClientOptions
    {
        Authority = "http://localhost",
        ClientId = PublicClients.Cli,
        RedirectUri = redirectUri,
        Scope = "openid offline_access",
        LoadProfile = false,
        Browser = browser,
        HttpClientFactory = _ => _factory.CreateClient(),
        Policy = new Policy { Discovery = new DiscoveryPolicy { RequireHttps = false } },
    });

    [Fact]
    public async Task OidcClient_LoopbackRedirect_SignsInThroughTheFormRefreshesWithRotationAndTheJwtValidatesAtTheJwks()
    {
        await _factory.CreateClient().RegisterAsync(Email, WebForms.StrongPassword);
        using var web = WebForms.Create(_factory);
        var browser = new FormPostingBrowser(web, Email, WebForms.StrongPassword);
        var client = Client(browser);

        var login = await client.LoginAsync(new LoginRequest());

        Assert.False(login.IsError, login.Error + " " + login.ErrorDescription);
        Assert.Equal(1, browser.SignInFormsPosted);
        Assert.NotNull(login.User.FindFirst("sub")); // the identity token was validated too
        Assert.Equal(Email, (await AccountOf(login.AccessToken))["email"]!.GetValue<string>());

        var http = _factory.CreateClient();
        var disco = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest { Address = "http://localhost", Policy = { RequireHttps = false } });
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(login.AccessToken, new TokenValidationParameters
        {
            ValidIssuer = disco.Issuer,
            ValidateAudience = false,
            IssuerSigningKeys = new JsonWebKeySet(disco.KeySet!.RawData).GetSigningKeys(),
            ValidTypes = ["at+jwt"],
            LifetimeValidator = (_, expires, _, _) => expires > _factory.Clock.GetUtcNow().UtcDateTime,
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Equal(Email, validation.Claims["email"]);
        Assert.Equal(PublicClients.Cli, validation.Claims["client_id"]);

        var refreshed = await client.RefreshTokenAsync(login.RefreshToken);
        Assert.False(refreshed.IsError, refreshed.Error);
        Assert.NotEqual(login.RefreshToken, refreshed.RefreshToken);

        _factory.Clock.Advance(TimeSpan.FromMinutes(1)); // past the reuse leeway
        var replayed = await client.RefreshTokenAsync(login.RefreshToken);
        Assert.Equal("invalid_grant", replayed.Error);
    }

    [Fact]
    public async Task OidcClient_BrowserAlreadySignedIn_GetsTheCodeWithoutTheForm()
    {
        using var web = await SignedInBrowserAsync();
        var browser = new FormPostingBrowser(web, Email, "not used");

        var login = await Client(browser, "http://[::1]:61000/callback").LoginAsync(new LoginRequest());

        Assert.False(login.IsError, login.Error);
        Assert.Equal(0, browser.SignInFormsPosted);
    }

    [Fact]
    public async Task Code_SessionOfTheClient_IsListedAndEndingItRefusesItsRefreshToken()
    {
        using var web = await SignedInBrowserAsync();
        var (verifier, challenge) = PublicClients.Pkce();
        var redirect = await PublicClients.AuthorizeAsync(web, PublicClients.Extension, PublicClients.ExtensionRedirect, challenge);
        var tokens = await TestApi.ReadTokensAsync(await PublicClients.RedeemAsync(
            _factory.CreateClient(), PublicClients.Extension, PublicClients.CodeOf(redirect.Headers.Location!), PublicClients.ExtensionRedirect, verifier));
        var api = _factory.CreateClient();

        var sessions = (JsonArray)(await (await api.SendAsync(HttpMethod.Get, "/api/v1/account/sessions", tokens.AccessToken)).ReadJsonAsync())["items"]!;
        var current = sessions.Single(s => s!["current"]!.GetValue<bool>())!;
        Assert.Contains(sessions, s => s!["client"]!.GetValue<string>() == "Web");
        var ended = await api.SendAsync(HttpMethod.Delete, $"/api/v1/account/sessions/{current["id"]}", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/v1/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = tokens.RefreshToken, ["client_id"] = PublicClients.Extension,
        }))).StatusCode);
    }

    [Fact]
    public async Task Code_WithWrongVerifier_IsRefused()
    {
        using var web = await SignedInBrowserAsync();
        var (_, challenge) = PublicClients.Pkce();
        var redirect = await PublicClients.AuthorizeAsync(web, PublicClients.Cli, Loopback, challenge);

        var response = await PublicClients.RedeemAsync(_factory.CreateClient(), PublicClients.Cli,
            PublicClients.CodeOf(redirect.Headers.Location!), Loopback, PublicClients.Pkce().Verifier);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", (await response.ReadJsonAsync())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Code_UsedTwice_IsRefusedTheSecondTime()
    {
        using var web = await SignedInBrowserAsync();
        var (verifier, challenge) = PublicClients.Pkce();
        var redirect = await PublicClients.AuthorizeAsync(web, PublicClients.Cli, Loopback, challenge);
        var code = PublicClients.CodeOf(redirect.Headers.Location!);
        var http = _factory.CreateClient();

        var first = await PublicClients.RedeemAsync(http, PublicClients.Cli, code, Loopback, verifier);
        var second = await PublicClients.RedeemAsync(http, PublicClients.Cli, code, Loopback, verifier);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("invalid_grant", (await second.ReadJsonAsync())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Code_RedeemedWithAnotherRedirectUri_IsRefused()
    {
        using var web = await SignedInBrowserAsync();
        var (verifier, challenge) = PublicClients.Pkce();
        var redirect = await PublicClients.AuthorizeAsync(web, PublicClients.Cli, Loopback, challenge);

        var response = await PublicClients.RedeemAsync(_factory.CreateClient(), PublicClients.Cli,
            PublicClients.CodeOf(redirect.Headers.Location!), "http://127.0.0.1:53683/callback", verifier);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(PublicClients.Cli, "http://127.0.0.1:53682/other")] // another path
    [InlineData(PublicClients.Cli, "http://127.0.0.1:53682/callback/")]
    [InlineData(PublicClients.Cli, "http://127.0.0.1:53682/callback?x=1")]
    [InlineData(PublicClients.Cli, "http://example.com:53682/callback")] // not loopback, with a port
    [InlineData(PublicClients.Cli, "http://localhost:53682/callback")] // a loopback name, not the address
    [InlineData(PublicClients.Cli, "http://127.0.0.2:53682/callback")]
    [InlineData(PublicClients.Cli, "https://127.0.0.1:53682/callback")]
    [InlineData(PublicClients.Cli, "http://127.0.0.1:53682@evil.example/callback")]
    [InlineData(PublicClients.Cli, "http://127.0.0.1:53682/x/../callback")]
    [InlineData(PublicClients.Cli, PublicClients.ExtensionRedirect)] // another client's
    [InlineData(PublicClients.Extension, "https://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.chromiumapp.org/")]
    [InlineData(PublicClients.Extension, "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org:8443/")]
    [InlineData(PublicClients.Extension, "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/x")]
    public async Task Authorize_RedirectUriNotConfigured_IsRefusedWithoutRedirecting(string clientId, string redirectUri)
    {
        using var web = await SignedInBrowserAsync();

        var response = await web.Http.GetAsync(PublicClients.AuthorizeUrl(clientId, redirectUri, PublicClients.Pkce().Challenge));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData(PublicClients.Cli, "http://127.0.0.1:1/callback")]
    [InlineData(PublicClients.Cli, "http://127.0.0.1:65535/callback")]
    [InlineData(PublicClients.Cli, "http://[::1]:40000/callback")]
    [InlineData(PublicClients.Extension, PublicClients.ExtensionRedirect)]
    public async Task Authorize_ConfiguredRedirectUri_RedirectsThereWithCodeAndState(string clientId, string redirectUri)
    {
        using var web = await SignedInBrowserAsync();

        var response = await PublicClients.AuthorizeAsync(web, clientId, redirectUri, PublicClients.Pkce().Challenge);

        Assert.StartsWith(redirectUri + "?", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("state=state-1", response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_PlainChallengeMethod_IsRefused()
    {
        using var web = await SignedInBrowserAsync();
        var (verifier, _) = PublicClients.Pkce();

        var response = await web.Http.GetAsync(PublicClients.AuthorizeUrl(PublicClients.Cli, Loopback, verifier, method: "plain"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("code_challenge_method", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_WithoutPkce_IsRefused()
    {
        using var web = await SignedInBrowserAsync();

        var response = await web.Http.GetAsync(PublicClients.AuthorizeUrl(PublicClients.Cli, Loopback, challenge: null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("code_challenge", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("heyho-extension")]
    [InlineData("heyho-extension-json")]
    [InlineData("heyho-web")]
    public async Task Authorize_ClientWithoutTheCodeFlow_IsRefused(string clientId)
    {
        using var web = await SignedInBrowserAsync();

        var response = await web.Http.GetAsync(PublicClients.AuthorizeUrl(clientId, Loopback, PublicClients.Pkce().Challenge));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Authorize_BrowserNotSignedIn_SendsItToTheSignInPageWithALocalReturnUrl()
    {
        using var web = WebForms.Create(_factory);
        var url = PublicClients.AuthorizeUrl(PublicClients.Cli, Loopback, PublicClients.Pkce().Challenge);

        var response = await web.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/sign-in", location.AbsolutePath);
        Assert.Equal(url, Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query)["returnUrl"].ToString());
    }

    [Fact]
    public async Task Authorize_PromptNoneWhileSignedOut_AnswersLoginRequiredAtTheRedirectUri()
    {
        using var web = WebForms.Create(_factory);

        var response = await web.Http.GetAsync(PublicClients.AuthorizeUrl(PublicClients.Cli, Loopback, PublicClients.Pkce().Challenge) + "&prompt=none");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(Loopback + "?", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("error=login_required", response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_AdvertisesTheAuthorizationEndpointCodeAndS256Only()
    {
        var disco = await _factory.CreateClient().GetFromJsonAsync<JsonObject>("/.well-known/openid-configuration");

        Assert.EndsWith("/api/v1/auth/authorize", disco!["authorization_endpoint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["code"], disco["response_types_supported"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["S256"], disco["code_challenge_methods_supported"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("authorization_code", disco["grant_types_supported"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    private async Task<JsonObject> AccountOf(string accessToken)
    {
        var http = _factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await (await http.GetAsync("/api/v1/account")).ReadJsonAsync();
    }
}
