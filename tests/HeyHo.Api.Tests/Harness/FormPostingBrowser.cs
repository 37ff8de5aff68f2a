using System.Net;
using System.Text.RegularExpressions;
using Duende.IdentityModel.OidcClient.Browser;

namespace HeyHo.Api.Tests.Harness;

/// <summary>
/// OidcClient's browser, played by <see cref="WebForms"/>: follows the redirects from the authorization request,
/// fills in the sign-in form (with its antiforgery token) when it is shown, answers the consent page with Allow, follows
/// the page's onward link, and stops at the client's redirect URI – where a native app's loopback listener would
/// receive the code.
/// </summary>
public sealed partial class FormPostingBrowser(WebForms web, string email, string password) : IBrowser
{
    public int SignInFormsPosted { get; private set; }

    public int ConsentsGiven { get; private set; }

    public async Task<BrowserResult> InvokeAsync(BrowserOptions options, CancellationToken cancellationToken = default)
    {
        var url = options.StartUrl;
        for (var hop = 0; hop < 10; hop++)
        {
            if (url.StartsWith(options.EndUrl, StringComparison.Ordinal))
            {
                return new BrowserResult { ResultType = BrowserResultType.Success, Response = url };
            }

            var (response, html) = await web.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                url = new Uri(web.Http.BaseAddress!, response.Headers.Location!).AbsoluteUri;
                continue;
            }
            if (html.Contains("name=\"answer\" value=\"allow\"", StringComparison.Ordinal))
            {
                ConsentsGiven++;
                (response, html) = await web.PostAsync(url, new Dictionary<string, string?> { ["answer"] = "allow" });
            }
            else if (ReturnUrlField().Match(html) is { Success: true } form)
            {
                SignInFormsPosted++;
                (response, html) = await web.PostAsync(url, new Dictionary<string, string?>
                {
                    ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = WebUtility.HtmlDecode(form.Groups[1].Value),
                });
            }
            else
            {
                return new BrowserResult { ResultType = BrowserResultType.UnknownError, Error = $"{(int)response.StatusCode}: {html}" };
            }
            if (ContinueLink().Match(html) is not { Success: true } onward)
            {
                return new BrowserResult { ResultType = BrowserResultType.UnknownError, Error = $"{(int)response.StatusCode}: {html}" };
            }
            url = new Uri(web.Http.BaseAddress!, WebUtility.HtmlDecode(onward.Groups[1].Value)).AbsoluteUri;
        }
        return new BrowserResult { ResultType = BrowserResultType.UnknownError, Error = "too many redirects" };
    }

    [GeneratedRegex("name=\"ReturnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();

    /// <summary>A page's onward link (a meta refresh): the sign-in and consent pages' way back to the authorization endpoint.</summary>
    [GeneratedRegex("http-equiv=\"refresh\" content=\"0;url=([^\"]+)\"")]
    internal static partial Regex ContinueLink();
}
