using System.Net;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Web;

public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/sign-in")]
    [InlineData("/sign-up")]
    [InlineData("/verify-email")]
    [InlineData("/forgot-password")]
    [InlineData("/reset-password")]
    [InlineData("/")]
    public async Task Page_CarriesAStrictCspAndTheOtherSecurityHeaders(string page)
    {
        using var factory = new HeyHoApiFactory();
        using var web = WebForms.Create(factory);

        var (response, _) = await web.GetAsync(page);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Production_CookiesAreSecureHostPrefixedHttpOnlyAndLax()
    {
        using var certificates = new ProductionCertificates();
        using var factory = new HeyHoApiFactory(environment: "Production", settings: certificates.Settings);
        await factory.CreateClient(new() { BaseAddress = new Uri("https://localhost") }).RegisterAsync("ada@example.com", WebForms.StrongPassword);
        using var web = WebForms.Create(factory, "https://localhost");

        var (page, _) = await web.GetAsync("/sign-in");
        var (signedIn, _) = await web.SignInAsync("ada@example.com");

        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-heyho.antiforgery=", StringComparison.Ordinal));
        var session = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-heyho.session=", StringComparison.Ordinal));
        foreach (var cookie in new[] { antiforgery, session })
        {
            Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await web.GetAsync("/")).Response.StatusCode);
    }

    [Fact]
    public async Task ApiReference_KeepsItsOwnHeaders_NotThePagesCsp()
    {
        using var factory = new HeyHoApiFactory();

        var response = await factory.CreateClient().GetAsync("/docs/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }
}
