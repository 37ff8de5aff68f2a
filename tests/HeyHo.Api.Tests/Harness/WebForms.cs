using System.Net;
using System.Text.RegularExpressions;

namespace HeyHo.Api.Tests.Harness;

/// <summary>
/// A browser without a browser: an HttpClient over the test server that keeps cookies, does not follow redirects (a test
/// sees each one), and posts forms with the antiforgery token of the page it last loaded – as a browser would.
/// </summary>
public sealed partial class WebForms(HttpClient http, CookieContainer cookies) : IDisposable
{
    public const string StrongPassword = "violet tugboat marmalade zipper";

    public HttpClient Http { get; } = http;

    /// <summary>The antiforgery token of the last page loaded.</summary>
    public string? Token { get; private set; }

    public static WebForms Create(HeyHoApiFactory factory, string baseAddress = "http://localhost")
    {
        var cookies = new CookieContainer();
        var client = factory.CreateDefaultClient(new Uri(baseAddress), new CookieHandler(cookies));
        return new WebForms(client, cookies);
    }

    public IEnumerable<Cookie> CookiesFor(string url) => cookies.GetCookies(new Uri(url));

    public void SetCookie(string url, Cookie cookie) => cookies.Add(new Uri(url), new Cookie(cookie.Name, cookie.Value, cookie.Path));

    public async Task<(HttpResponseMessage Response, string Html)> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        if (TokenField().Match(html) is { Success: true } match)
        {
            Token = WebUtility.HtmlDecode(match.Groups[1].Value);
        }
        return (response, html);
    }

    /// <summary>Posts the fields with the token of the last page (none when <paramref name="withToken"/> is false).</summary>
    public async Task<(HttpResponseMessage Response, string Html)> PostAsync(string url, IDictionary<string, string?> fields, bool withToken = true)
    {
        var form = fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!);
        if (withToken && Token is not null)
        {
            form["__RequestVerificationToken"] = Token;
        }
        var response = await Http.PostAsync(url, new FormUrlEncodedContent(form));
        var html = await response.Content.ReadAsStringAsync();
        if (TokenField().Match(html) is { Success: true } match)
        {
            Token = WebUtility.HtmlDecode(match.Groups[1].Value);
        }
        return (response, html);
    }

    /// <summary>Loads the page at <paramref name="url"/>, then posts its form there.</summary>
    public async Task<(HttpResponseMessage Response, string Html)> SubmitAsync(string url, IDictionary<string, string?> fields)
    {
        await GetAsync(url);
        return await PostAsync(url, fields);
    }

    public Task<(HttpResponseMessage Response, string Html)> SignInAsync(string email, string password = StrongPassword, string? returnUrl = null) =>
        SubmitAsync(returnUrl is null ? "/sign-in" : $"/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}",
            new Dictionary<string, string?> { ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = returnUrl });

    /// <summary>Signs a new account up through the pages, verifies it with the mailed code and signs in.</summary>
    public async Task SignUpVerifyAndSignInAsync(HeyHoApiFactory factory, string email, string password = StrongPassword)
    {
        var (created, _) = await SubmitAsync("/sign-up", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var code = await factory.Mailbox().NextCodeAsync(email);
        var (verified, _) = await SubmitAsync(created.Headers.Location!.OriginalString, new Dictionary<string, string?> { ["Email"] = email, ["Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        var (signedIn, _) = await SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    /// <summary>The page's text without its per-request antiforgery token, for comparing two answers.</summary>
    public static string WithoutToken(string html) => TokenField().Replace(html, "<token>");

    public void Dispose() => Http.Dispose();

    /// <summary>Keeps cookies as a browser would (the test server's own handler keeps them out of reach).</summary>
    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (cookies.GetCookieHeader(request.RequestUri!) is { Length: > 0 } header)
            {
                request.Headers.Add("Cookie", header);
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    cookies.SetCookies(request.RequestUri!, setCookie);
                }
            }
            return response;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
