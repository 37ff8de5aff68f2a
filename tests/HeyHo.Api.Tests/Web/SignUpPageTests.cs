using System.Net;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Web;

public sealed class SignUpPageTests : IDisposable
{
    private const string Email = "ada@example.com";
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static Dictionary<string, string?> Form(string email = Email, string password = WebForms.StrongPassword) =>
        new() { ["Email"] = email, ["DisplayName"] = "Ada", ["Password"] = password };

    [Fact]
    public async Task SignUp_ThenTheMailedCode_VerifiesTheAddress_AndSignInShowsIt()
    {
        using var web = WebForms.Create(_factory);

        var (created, _) = await web.SubmitAsync("/sign-up", Form());
        var code = await _factory.Mailbox().NextCodeAsync(Email);
        var (verified, _) = await web.SubmitAsync(created.Headers.Location!.OriginalString, new Dictionary<string, string?> { ["Email"] = Email, ["Code"] = code });
        var (signInPage, signInHtml) = await web.GetAsync(verified.Headers.Location!.OriginalString);
        await web.SignInAsync(Email);
        var (_, home) = await web.GetAsync("/");

        Assert.Equal("/verify-email?email=ada@example.com&notice=code-sent", created.Headers.Location!.OriginalString);
        Assert.Equal("/sign-in?email=ada@example.com&notice=verified", verified.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, signInPage.StatusCode);
        Assert.Contains("Your email address is verified.", signInHtml, StringComparison.Ordinal);
        Assert.Contains("Hello, Ada", home, StringComparison.Ordinal);
        Assert.Matches("Email verified</dt>\\s*<dd>Yes</dd>", home);
    }

    [Fact]
    public async Task SignUp_PasswordThePolicyRefuses_SaysWhy_AndCreatesNothing()
    {
        using var web = WebForms.Create(_factory);

        var (response, html) = await web.SubmitAsync("/sign-up", Form(password: "password1234"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("common and breached passwords", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\" aria-describedby=\"f-Password-hint f-Password-error\"", html, StringComparison.Ordinal);
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\""));
    }

    [Fact]
    public async Task SignUp_ShortPasswordAndBadEmail_NameTheirFields()
    {
        using var web = WebForms.Create(_factory);

        var (response, html) = await web.SubmitAsync("/sign-up", Form(email: "not an address", password: "short"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"f-Email-error\"", html, StringComparison.Ordinal);
        Assert.Contains("The password must be 12 to 128 characters long.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUp_TakenEmail_SaysSo()
    {
        await _factory.CreateClient().RegisterAsync(Email, WebForms.StrongPassword);
        using var web = WebForms.Create(_factory);

        var (response, html) = await web.SubmitAsync("/sign-up", Form());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The email is already registered.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyEmail_WrongCodeAndUnknownAddress_AnswerIdentically()
    {
        using var web = WebForms.Create(_factory);
        await web.SubmitAsync("/sign-up", Form());
        await _factory.Mailbox().NextCodeAsync(Email);

        var (wrong, wrongHtml) = await web.SubmitAsync("/verify-email", new Dictionary<string, string?> { ["Email"] = Email, ["Code"] = "000000" });
        var (unknown, unknownHtml) = await web.SubmitAsync("/verify-email", new Dictionary<string, string?> { ["Email"] = "bob@example.com", ["Code"] = "000000" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(WebForms.WithoutToken(wrongHtml).Replace(Email, "<email>"), WebForms.WithoutToken(unknownHtml).Replace("bob@example.com", "<email>"));
    }

    [Fact]
    public async Task ResendCode_MailsANewCodeThatVerifies()
    {
        using var web = WebForms.Create(_factory);
        var mailbox = _factory.Mailbox();
        await web.SubmitAsync("/sign-up", Form());
        await mailbox.NextCodeAsync(Email);
        await web.GetAsync("/verify-email?email=ada%40example.com");

        var (resent, _) = await web.PostAsync("/verify-email/resend", new Dictionary<string, string?> { ["Email"] = Email });
        var code = await mailbox.NextCodeAsync(Email);
        var (verified, _) = await web.SubmitAsync("/verify-email", new Dictionary<string, string?> { ["Email"] = Email, ["Code"] = code });

        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
    }

    [Fact]
    public async Task SignUp_SubmissionsShareTheRegistrationsPerIpWindow_PageViewsDoNotCount()
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?> { ["RateLimits:RegistrationsPerIp:PermitLimit"] = "2" });
        using var web = WebForms.Create(factory);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/sign-up")).Response.StatusCode);
        }
        await factory.CreateClient().RegisterAsync("first@example.com", WebForms.StrongPassword);
        await web.PostAsync("/sign-up", Form(email: "second@example.com"));

        var (limited, html) = await web.PostAsync("/sign-up", Form(email: "third@example.com"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.StartsWith("text/html", limited.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Contains("Too many attempts", html, StringComparison.Ordinal);
        Assert.Equal(2, factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\""));
    }
}
