using Microsoft.Playwright;

namespace HeyHo.Api.Tests.Web.Browser;

/// <summary>What a person does on the pages, step by step, for the browser tests to build on.</summary>
public static class WebJourney
{
    public const string Password = "violet tugboat marmalade zipper";

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    /// <summary>Signs a new user up through the pages, enters the mailed code, and signs in; ends on the landing page.</summary>
    public static async Task<string> SignUpAsync(this BrowserFixture fixture, IPage page, string? displayName = null)
    {
        var email = NewEmail();
        await page.GotoAsync("/sign-up");
        await page.GetByLabel("Email").FillAsync(email);
        if (displayName is not null)
        {
            await page.GetByLabel("Display name").FillAsync(displayName);
        }
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await ArriveAsync(page, VerifyPage);

        var code = await fixture.Mailbox.NextCodeAsync(email);
        await page.GetByLabel("Code from the email").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await ArriveAsync(page, SignInPage);

        await SignInAsync(page, email, Password, fillEmail: false);
        await ArriveAsync(page, Home(fixture));
        return email;
    }

    public static async Task SignInAsync(IPage page, string email, string password, bool fillEmail = true)
    {
        if (fillEmail)
        {
            await page.GetByLabel("Email").FillAsync(email);
        }
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs out with the navigation's button and waits for the sign-in page.</summary>
    public static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await ArriveAsync(page, SignInPage);
    }

    /// <summary>Waits (Playwright's auto-waiting) until the page's address satisfies <paramref name="at"/>; says where it is instead when it does not.</summary>
    public static async Task ArriveAsync(IPage page, Func<string, bool> at)
    {
        try
        {
            await page.WaitForURLAsync(at);
        }
        catch (TimeoutException e)
        {
            var text = await page.Locator("main").InnerTextAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(no main)");
            throw new TimeoutException($"Still at {page.Url}: {text}", e);
        }
    }

    /// <summary>URL predicates for <c>WaitForURLAsync</c> (Playwright's auto-waiting; no fixed sleeps).</summary>
    public static bool VerifyPage(string url) => new Uri(url).AbsolutePath == "/verify-email";

    public static bool SignInPage(string url) => new Uri(url).AbsolutePath == "/sign-in";

    public static bool ResetPage(string url) => new Uri(url).AbsolutePath == "/reset-password";

    public static Func<string, bool> Home(BrowserFixture fixture) => url => url == fixture.BaseAddress.ToString();
}
