using System.Net;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Web;

public sealed class SignInPageTests : IDisposable
{
    private const string Email = "ada@example.com";
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<System.Text.Json.Nodes.JsonObject> RegisterAsync() => _factory.CreateClient().RegisterAsync(Email, WebForms.StrongPassword);

    [Fact]
    public async Task SignIn_UnknownEmailAndWrongPassword_AnswerIdentically()
    {
        await RegisterAsync();
        using var web = WebForms.Create(_factory);

        var (wrong, wrongHtml) = await web.SubmitAsync("/sign-in", new Dictionary<string, string?> { ["Email"] = Email, ["Password"] = "not the password at all" });
        var (unknown, unknownHtml) = await web.SubmitAsync("/sign-in", new Dictionary<string, string?> { ["Email"] = "bob@example.com", ["Password"] = "not the password at all" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("The email or password is invalid.", wrongHtml, StringComparison.Ordinal);
        Assert.Equal(WebForms.WithoutToken(wrongHtml).Replace(Email, "<email>"), WebForms.WithoutToken(unknownHtml).Replace("bob@example.com", "<email>"));
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LockTheAccount_TheRightOneIsThenRefusedAlike_HereAndAtTheApi()
    {
        await RegisterAsync();
        using var web = WebForms.Create(_factory);
        for (var i = 0; i < 5; i++)
        {
            await web.SignInAsync(Email, "not the password at all");
        }

        var (locked, html) = await web.SignInAsync(Email);

        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Contains("The email or password is invalid.", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await _factory.CreateClient().PasswordGrantAsync(Email, WebForms.StrongPassword)).StatusCode);
    }

    [Fact]
    public async Task SignIn_RightPassword_SetsAnHttpOnlyLaxCookie_AndTheLandingPageShowsTheUser()
    {
        await RegisterAsync();
        using var web = WebForms.Create(_factory);

        var (signedIn, _) = await web.SignInAsync(Email);
        var (home, html) = await web.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("heyho.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(Email, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Landing_NotSignedIn_RedirectsToSignInWithItsAddress()
    {
        using var web = WebForms.Create(_factory);

        var (response, _) = await web.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in?returnUrl=%2F", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/%2F%2Fevil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task SignIn_UnsafeReturnUrl_LandsOnTheHomePage(string returnUrl)
    {
        await RegisterAsync();
        using var web = WebForms.Create(_factory);

        var (response, _) = await web.SignInAsync(Email, returnUrl: returnUrl);
        var (again, _) = await web.GetAsync($"/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}"); // signed in already

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal("/", again.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_LocalReturnUrl_LandsThere()
    {
        await RegisterAsync();
        using var web = WebForms.Create(_factory);

        var (response, _) = await web.SignInAsync(Email, returnUrl: "/sign-out?from=test");

        Assert.Equal("/sign-out?from=test", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/sign-in")]
    [InlineData("/sign-up")]
    [InlineData("/verify-email")]
    [InlineData("/verify-email/resend")]
    [InlineData("/forgot-password")]
    [InlineData("/reset-password")]
    [InlineData("/sign-out")]
    public async Task Form_WithoutAntiforgeryToken_Answers400AndDoesNothing(string page)
    {
        await RegisterAsync();
        using var web = WebForms.Create(_factory);
        await web.SignInAsync(Email);
        await web.GetAsync(page);

        var (response, _) = await web.PostAsync(page, new Dictionary<string, string?>
        {
            ["Email"] = Email, ["Password"] = WebForms.StrongPassword, ["Code"] = "123456", ["NewPassword"] = "another violet tugboat",
        }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/")).Response.StatusCode); // still signed in: sign-out did nothing
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\""));
    }

    [Fact]
    public async Task SignIn_PasswordGuessesShareTheTokenEndpointsPerUsernameWindow_Over429WithRetryAfter()
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?> { ["RateLimits:PasswordGrantsPerUsername:PermitLimit"] = "3" });
        await factory.CreateClient().RegisterAsync(Email, WebForms.StrongPassword);
        var api = factory.CreateClient();
        await api.PasswordGrantAsync(Email, "not the password at all");
        await api.PasswordGrantAsync(Email, "not the password at all");
        using var web = WebForms.Create(factory);
        await web.SignInAsync(Email, "not the password at all");

        var (response, html) = await web.SignInAsync(Email);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many attempts", html, StringComparison.Ordinal);
    }
}
