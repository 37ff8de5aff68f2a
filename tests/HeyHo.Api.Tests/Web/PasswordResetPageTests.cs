using System.Net;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Web;

public sealed class PasswordResetPageTests : IDisposable
{
    private const string Email = "ada@example.com";
    private const string NewPassword = "lantern pebble orchard quartz";
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ForgotPassword_ThenTheMailedCode_SetsTheNewPassword_EndsTheBrowserSession_AndOnlyItSignsIn()
    {
        var mailbox = _factory.Mailbox();
        await _factory.CreateClient().RegisterAsync(Email, WebForms.StrongPassword);
        await mailbox.NextAsync(Email); // the verification message
        using var signedIn = WebForms.Create(_factory);
        await signedIn.SignInAsync(Email);
        using var web = WebForms.Create(_factory);

        var (requested, _) = await web.SubmitAsync("/forgot-password", new Dictionary<string, string?> { ["Email"] = Email });
        var code = await mailbox.NextCodeAsync(Email);
        var (reset, _) = await web.SubmitAsync(requested.Headers.Location!.OriginalString,
            new Dictionary<string, string?> { ["Email"] = Email, ["Code"] = code, ["NewPassword"] = NewPassword });

        Assert.Equal("/reset-password?email=ada@example.com&notice=reset-code-sent", requested.Headers.Location!.OriginalString);
        Assert.Equal("/sign-in?email=ada@example.com&notice=password-reset", reset.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.GetAsync("/")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await web.SignInAsync(Email)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await web.SignInAsync(Email, NewPassword)).Response.StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_UnknownAddress_AnswersAsForAKnownOne()
    {
        await _factory.CreateClient().RegisterAsync(Email, WebForms.StrongPassword);
        using var web = WebForms.Create(_factory);

        var (known, _) = await web.SubmitAsync("/forgot-password", new Dictionary<string, string?> { ["Email"] = Email });
        var (unknown, _) = await web.SubmitAsync("/forgot-password", new Dictionary<string, string?> { ["Email"] = "bob@example.com" });

        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(known.Headers.Location!.OriginalString.Replace("ada", "bob", StringComparison.Ordinal), unknown.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ResetPassword_WrongCode_IsRefusedOnTheCodeField_AndThePolicyOnThePassword()
    {
        await _factory.CreateClient().RegisterAsync(Email, WebForms.StrongPassword);
        using var web = WebForms.Create(_factory);

        var (wrongCode, wrongHtml) = await web.SubmitAsync("/reset-password",
            new Dictionary<string, string?> { ["Email"] = Email, ["Code"] = "000000", ["NewPassword"] = NewPassword });
        var (weak, weakHtml) = await web.SubmitAsync("/reset-password",
            new Dictionary<string, string?> { ["Email"] = Email, ["Code"] = "000000", ["NewPassword"] = "password1234" });

        Assert.Equal(HttpStatusCode.BadRequest, wrongCode.StatusCode);
        Assert.Contains("id=\"f-Code-error\">The code is wrong or no longer valid.", wrongHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("id=\"f-NewPassword-error\"", weakHtml, StringComparison.Ordinal);
    }
}
