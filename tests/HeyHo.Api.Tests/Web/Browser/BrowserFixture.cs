using System.Net;
using HeyHo.Api.Tests.Harness;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HeyHo.Api.Tests.Web.Browser;

/// <summary>
/// One API on a real loopback port (Kestrel inside the test process, so the test's clock, database and mail directory
/// apply) and one headless Chromium – Debian's, driven by Playwright – shared by every test of <see cref="BrowserCollection"/>.
/// Each test opens its own browser context (its own cookies). Without Chromium the tests fail: they never skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public HeyHoApiFactory Factory { get; } = new(PublicClients.Settings());

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Mailbox Mailbox { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath} (Debian: apt-get install chromium; .ci/run installs it). They do not skip.");
        }

        Factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single());
        Mailbox = Factory.Mailbox();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser context (no cookies) and its page, at the API's address; CSP violations are collected.</summary>
    public async Task<BrowserPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        // A ceiling, not a wait: under a full parallel test run on two cores a password hash can take seconds.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        return new BrowserPage(context, page, violations);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}

/// <summary>A test's browser context and page, and the CSP violations the page reported (there must be none).</summary>
public sealed record BrowserPage(IBrowserContext Context, IPage Page, List<string> CspViolations) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
