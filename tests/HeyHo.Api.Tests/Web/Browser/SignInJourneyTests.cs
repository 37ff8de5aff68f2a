using System.Net;
using System.Net.Sockets;
using HeyHo.Api.Tests.Harness;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;

namespace HeyHo.Api.Tests.Web.Browser;

/// <summary>The sign-in pages and the authorization code flow in a real headless Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task SignUp_CodeFromTheMail_Verify_SignIn_LandingShowsTheUser_SignOut()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;

        var email = await fixture.SignUpAsync(page, displayName: "Grace");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hello, Grace");
        await Assertions.Expect(page.GetByTestId("profile-email")).ToHaveTextAsync(email);
        await Screenshots.SaveAsync(page, "web-home");
        var cookie = (await browser.Context.CookiesAsync()).Single(c => c.Name == "heyho.session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        Assert.False(cookie.Secure); // Development over http; Secure and __Host- outside it (SecurityHeadersTests)

        await WebJourney.SignOutAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have signed out.");
        Assert.DoesNotContain(await browser.Context.CookiesAsync(), c => c.Name == "heyho.session");
        await page.GotoAsync("/");
        await WebJourney.ArriveAsync(page, WebJourney.SignInPage);
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task SignInPage_SendsTheSecurityHeaders_AndTheBrowserReportsNoCspViolation()
    {
        await using var browser = await fixture.NewPageAsync();

        var response = await browser.Page.GotoAsync("/sign-in");
        await Screenshots.SaveAsync(browser.Page, "web-sign-in");

        var headers = await response!.AllHeadersAsync();
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);
        await Assertions.Expect(browser.Page.Locator("button[type=submit]")).ToHaveCSSAsync("font-weight", "600"); // the stylesheet applied
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task ForgotPassword_CodeFromTheMail_Reset_SignInWithTheNewPassword()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        var email = await fixture.SignUpAsync(page);
        await WebJourney.SignOutAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the code" }).ClickAsync();
        await WebJourney.ArriveAsync(page, WebJourney.ResetPage);
        await page.GetByLabel("Code from the email").FillAsync(await fixture.Mailbox.NextCodeAsync(email));
        await page.GetByLabel("New password").FillAsync("lantern pebble orchard quartz");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set the new password" }).ClickAsync();
        await WebJourney.ArriveAsync(page, WebJourney.SignInPage);

        await WebJourney.SignInAsync(page, email, WebJourney.Password, fillEmail: false);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is invalid.");
        await WebJourney.SignInAsync(page, email, "lantern pebble orchard quartz");
        await WebJourney.ArriveAsync(page, WebJourney.Home(fixture));
        await Assertions.Expect(page.GetByTestId("profile-email")).ToHaveTextAsync(email);
        Assert.Empty(browser.CspViolations);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("/%2F%2Fevil.example/")]
    public async Task SignIn_WithAnUnsafeReturnUrl_LandsOnTheLocalHome(string returnUrl)
    {
        await using var browser = await fixture.NewPageAsync();
        var email = await fixture.SignUpAsync(browser.Page);
        await WebJourney.SignOutAsync(browser.Page);

        await browser.Page.GotoAsync("/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await WebJourney.SignInAsync(browser.Page, email, WebJourney.Password);

        await WebJourney.ArriveAsync(browser.Page, WebJourney.Home(fixture));
        Assert.Equal(fixture.BaseAddress.Authority, new Uri(browser.Page.Url).Authority);
    }

    [Fact]
    public async Task AuthorizationCodeFlow_SignInFromTheClientsRequest_ReachesTheLoopbackListenerWithACodeThatRedeems()
    {
        await using var browser = await fixture.NewPageAsync();
        var email = await fixture.SignUpAsync(browser.Page);
        await WebJourney.SignOutAsync(browser.Page);
        using var listener = LoopbackListener.Start();
        var (verifier, challenge) = PublicClients.Pkce();

        await browser.Page.GotoAsync(PublicClients.AuthorizeUrl(PublicClients.Cli, listener.RedirectUri, challenge));
        await WebJourney.ArriveAsync(browser.Page, WebJourney.SignInPage);
        await WebJourney.SignInAsync(browser.Page, email, WebJourney.Password);
        var callback = await listener.ReceivedAsync;

        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("state-1", query["state"].ToString());
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        var tokens = await TestApi.ReadTokensAsync(await PublicClients.RedeemAsync(http, PublicClients.Cli, query["code"].ToString(), listener.RedirectUri, verifier));
        var account = await (await http.SendAsync(HttpMethod.Get, "/api/v1/account", tokens.AccessToken)).ReadJsonAsync();
        Assert.Equal(email, account["email"]!.GetValue<string>());
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task ThirdPartyApp_ConsentPageAllow_ReachesTheAppsRedirectUriWithACodeThatRedeems()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await fixture.SignUpAsync(page);
        var arrived = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(PublicClients.ThirdPartyRedirect + "**", async route =>
        {
            arrived.TrySetResult(route.Request.Url);
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/plain", Body = "Acme Notes" });
        });
        var (verifier, challenge) = PublicClients.Pkce();

        await page.GotoAsync(PublicClients.AuthorizeUrl(PublicClients.ThirdParty, PublicClients.ThirdPartyRedirect, challenge));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Allow Acme Notes to use your HeyHo account?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        var callback = new Uri(await arrived.Task.WaitAsync(TimeSpan.FromSeconds(60)));

        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("state-1", query["state"].ToString());
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        var tokens = await TestApi.ReadTokensAsync(await PublicClients.RedeemAsync(
            http, PublicClients.ThirdParty, query["code"].ToString(), PublicClients.ThirdPartyRedirect, verifier));
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(HttpMethod.Get, "/api/v1/auth/me", tokens.AccessToken)).StatusCode);
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task PhoneWidth_PagesFitTheScreen_AndSignInWorksByKeyboardAlone()
    {
        await using var browser = await fixture.NewPageAsync(width: 360, height: 740);
        var page = browser.Page;
        var email = await fixture.SignUpAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await WebJourney.SignOutAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));

        await page.GotoAsync("/sign-in");
        for (var i = 0; i < 10 && await page.EvaluateAsync<string?>("document.activeElement?.id") != "f-Email"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(WebJourney.Password);
        await page.Keyboard.PressAsync("Enter");

        await WebJourney.ArriveAsync(page, WebJourney.Home(fixture));
        await Assertions.Expect(page.GetByTestId("profile-email")).ToHaveTextAsync(email);
    }

    /// <summary>What a native app does: listen on a loopback port the system picks and wait for the browser to arrive.</summary>
    private sealed class LoopbackListener : IDisposable
    {
        private readonly HttpListener _listener = new();

        private LoopbackListener(int port)
        {
            RedirectUri = $"http://127.0.0.1:{port}/callback";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            ReceivedAsync = ReceiveAsync();
        }

        public string RedirectUri { get; }

        public Task<Uri> ReceivedAsync { get; }

        public static LoopbackListener Start()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return new LoopbackListener(port);
        }

        private async Task<Uri> ReceiveAsync()
        {
            var context = await _listener.GetContextAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var url = context.Request.Url!;
            context.Response.ContentType = "text/plain";
            await context.Response.OutputStream.WriteAsync("Signed in; you can close this window."u8.ToArray());
            context.Response.Close();
            return url;
        }

        public void Dispose() => _listener.Close();
    }
}
