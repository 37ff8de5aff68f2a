using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Web;

/// <summary>/account and its sub-pages: each form through the API's handler, its happy path and its refusals.</summary>
public sealed class AccountPagesTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static Dictionary<string, string?> Form(params (string Name, string? Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);

    private static async Task<JsonObject> ProfileAsync(SignedInUser user) => await (await user.Api.GetAsync("/api/v1/account")).ReadJsonAsync();

    [Theory]
    [InlineData("/history")]
    [InlineData("/account")]
    [InlineData("/account/sessions")]
    [InlineData("/account/privacy")]
    [InlineData("/account/data")]
    [InlineData("/account/data?handler=Export")]
    public async Task Page_Anonymous_RedirectsToSignIn(string url)
    {
        using var browser = WebForms.Create(_factory);

        var (response, _) = await browser.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/sign-in", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("/account?handler=Profile")]
    [InlineData("/account?handler=Password")]
    [InlineData("/account/sessions?handler=End")]
    [InlineData("/account/sessions?handler=EndOthers")]
    [InlineData("/account/privacy")]
    [InlineData("/account/data?handler=Delete")]
    public async Task Post_WithoutAntiforgery_Is400_NothingChanged(string url)
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        await ada.Api.LoginAsync(ada.Email, WebForms.StrongPassword);
        var sessions = _factory.Count("SELECT COUNT(*) FROM \"OpenIddictAuthorizations\" WHERE \"Status\" = 'valid'");

        var (response, _) = await ada.Browser.PostAsync(url, Form(
            ("displayName", "Changed"), ("currentPassword", WebForms.StrongPassword), ("newPassword", "a brand new passphrase"),
            ("excludedDomains", "example.com"), ("password", WebForms.StrongPassword)), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null((await ProfileAsync(ada))["displayName"]);
        Assert.Equal(sessions, _factory.Count("SELECT COUNT(*) FROM \"OpenIddictAuthorizations\" WHERE \"Status\" = 'valid'"));
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"ExcludedDomains\""));
    }

    [Fact]
    public async Task Profile_Saved_AsTheApiShowsIt()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        await ada.Browser.GetAsync("/account");

        var (saved, _) = await ada.Browser.PostAsync("/account?handler=Profile", Form(
            ("displayName", "Ada"), ("firstName", "Ada"), ("lastName", "Lovelace"), ("timeZone", "Europe/Berlin")));
        var (_, page) = await ada.Browser.GetAsync(saved.Headers.Location!.OriginalString);
        var profile = await ProfileAsync(ada);

        Assert.Equal("/account?notice=profile-saved", saved.Headers.Location!.OriginalString);
        Assert.Contains("Your profile is saved.", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Europe/Berlin\" selected=\"selected\">", page, StringComparison.Ordinal);
        Assert.Equal("Ada", profile["displayName"]!.GetValue<string>());
        Assert.Equal("Lovelace", profile["lastName"]!.GetValue<string>());
        Assert.Equal("Europe/Berlin", profile["timeZone"]!.GetValue<string>());
    }

    [Fact]
    public async Task Profile_UnknownZoneOrLongName_Is400WithTheApisMessages_NothingSaved()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        await ada.Browser.GetAsync("/account");

        var (response, html) = await ada.Browser.PostAsync("/account?handler=Profile", Form(
            ("displayName", new string('a', 101)), ("timeZone", "Mars/Olympus_Mons")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must be an IANA time zone such as Europe/Berlin", html, StringComparison.Ordinal);
        Assert.Contains("id=\"f-displayName-error\"", html, StringComparison.Ordinal);
        Assert.Null((await ProfileAsync(ada))["timeZone"]);
    }

    [Fact]
    public async Task Password_Changed_SignsOutEverywhere_TheNewOneSignsIn()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        await ada.Browser.GetAsync("/account");

        var (changed, _) = await ada.Browser.PostAsync("/account?handler=Password", Form(
            ("currentPassword", WebForms.StrongPassword), ("newPassword", "lantern pebble orchard quartz")));
        var (after, _) = await ada.Browser.GetAsync("/account");
        var refresh = await _factory.CreateClient().RefreshGrantAsync(ada.Tokens.RefreshToken);
        var (signedIn, _) = await ada.Browser.SignInAsync(ada.Email, "lantern pebble orchard quartz");

        Assert.Equal("/sign-in?notice=password-reset", changed.Headers.Location!.OriginalString);
        Assert.Equal("/sign-in", after.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.BadRequest, refresh.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("wrong password here", "lantern pebble orchard quartz", "currentPassword", "The password is incorrect.")]
    [InlineData(WebForms.StrongPassword, "short", "newPassword", "must be between 12 and 128 characters")]
    public async Task Password_Refused_Is400WithTheApisMessage_TheOldOneStillWorks(string current, string next, string field, string message)
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        await ada.Browser.GetAsync("/account");

        var (response, html) = await ada.Browser.PostAsync("/account?handler=Password", Form(("currentPassword", current), ("newPassword", next)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"id=\"f-{field}-error\"", html, StringComparison.Ordinal);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ada.Browser.GetAsync("/account")).Response.StatusCode);
        await _factory.CreateClient().LoginAsync(ada.Email, WebForms.StrongPassword);
    }

    [Fact]
    public async Task Sessions_ListsDevices_EndOne_ItsRefreshTokenIsRefused()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        var firefox = await _factory.CreateClient().LoginFromAsync(ada.Email, SessionApi.Firefox, WebForms.StrongPassword);
        var sessions = (JsonArray)(await (await ada.Api.GetAsync("/api/v1/account/sessions")).ReadJsonAsync())["items"]!;
        var firefoxId = sessions.Single(s => s!["device"]!.GetValue<string>().Contains("Firefox", StringComparison.Ordinal))!["id"]!.GetValue<string>();

        var (_, page) = await ada.Browser.GetAsync("/account/sessions");
        var (ended, _) = await ada.Browser.PostAsync("/account/sessions?handler=End", Form(("id", firefoxId)));
        var (_, after) = await ada.Browser.GetAsync(ended.Headers.Location!.OriginalString);

        Assert.Contains("Firefox", page, StringComparison.Ordinal);
        Assert.Contains("this browser", page, StringComparison.Ordinal);
        Assert.Equal("/account/sessions?ended=1", ended.Headers.Location!.OriginalString);
        Assert.Contains("1 session ended.", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await _factory.CreateClient().RefreshGrantAsync(firefox.RefreshToken)).StatusCode);
        Assert.Contains("SessionEnded", after, StringComparison.OrdinalIgnoreCase); // the security log
    }

    [Fact]
    public async Task Sessions_AnotherUsersSession_Is404_AndLives()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        var bob = await SignedInUser.CreateAsync(_factory);
        var bobs = (JsonArray)(await (await bob.Api.GetAsync("/api/v1/account/sessions")).ReadJsonAsync())["items"]!;
        await ada.Browser.GetAsync("/account/sessions");

        var (response, html) = await ada.Browser.PostAsync("/account/sessions?handler=End", Form(("id", bobs[0]!["id"]!.GetValue<string>())));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no such session.", html, StringComparison.Ordinal);
        Assert.Equal(bobs.Count, ((JsonArray)(await (await bob.Api.GetAsync("/api/v1/account/sessions")).ReadJsonAsync())["items"]!).Count);
    }

    [Fact]
    public async Task Sessions_EndAllOthers_KeepsThisBrowser()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        await _factory.CreateClient().LoginFromAsync(ada.Email, SessionApi.Curl, WebForms.StrongPassword);
        var others = ((JsonArray)(await (await ada.Api.GetAsync("/api/v1/account/sessions")).ReadJsonAsync())["items"]!).Count - 1;
        await ada.Browser.GetAsync("/account/sessions");

        var (ended, _) = await ada.Browser.PostAsync("/account/sessions?handler=EndOthers", Form());
        var (still, page) = await ada.Browser.GetAsync("/account/sessions");

        Assert.Equal($"/account/sessions?ended={others}", ended.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ada.Api.GetAsync("/api/v1/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        var list = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"sessions\">(.*?)</ul>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("this browser", list, StringComparison.Ordinal);
        Assert.DoesNotContain("curl", list, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SecurityLog_PagesByTheCursor_ABadCursorIs400()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        for (var i = 0; i < 25; i++)
        {
            await _factory.CreateClient().LoginAsync(ada.Email, WebForms.StrongPassword);
        }

        var (_, first) = await ada.Browser.GetAsync("/account/sessions");
        var older = System.Text.RegularExpressions.Regex.Match(first, "href=\"([^\"]+)\">Older entries<").Groups[1].Value;
        var (second, _) = await ada.Browser.GetAsync(WebUtility.HtmlDecode(older));
        var (bad, html) = await ada.Browser.GetAsync("/account/sessions?cursor=nope");

        Assert.NotEmpty(older);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("must be a nextCursor from an earlier page.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Privacy_ExcludingADomain_PurgesItsVisits_AndShowsHowMany()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        await ada.Api.PatchAsJsonAsync("/api/v1/account", new { displayName = (string?)null, timeZone = "Europe/Berlin" });
        await ada.SyncAsync(SignedInUser.Visit(1, "One", "news.example"), SignedInUser.Visit(2, "Two", "other.example"));
        await ada.Browser.GetAsync("/account/privacy");

        var (saved, _) = await ada.Browser.PostAsync("/account/privacy", Form(
            ("excludedDomains", "news.example\r\n\r\n  Bücher.de "), ("stripQueryStrings", "true"), ("retentionDays", "90")));
        var (_, page) = await ada.Browser.GetAsync(saved.Headers.Location!.OriginalString);
        var privacy = await (await ada.Api.GetAsync("/api/v1/account/privacy")).ReadJsonAsync();

        Assert.Equal("/account/privacy?purgedVisits=1&purgedAggregates=0", saved.Headers.Location!.OriginalString);
        Assert.Contains("1 page visits and 0 tab aggregates", page, StringComparison.Ordinal);
        Assert.Contains("news.example&#xA;xn--bcher-kva.de</textarea>", page, StringComparison.Ordinal);
        Assert.Equal("""["news.example","xn--bcher-kva.de"]""", privacy["excludedDomains"]!.ToJsonString());
        Assert.True(privacy["stripQueryStrings"]!.GetValue<bool>());
        Assert.Equal(90, privacy["retentionDays"]!.GetValue<int>());
        Assert.Equal("Europe/Berlin", privacy["timeZone"]!.GetValue<string>()); // the profile's zone is kept
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
    }

    [Theory]
    [InlineData("ok.example\nhttps://news.example/path", "", "Line 2 (https://news.example/path): Each excluded domain must be a host name")]
    [InlineData("news.example", "0", "&#x27;retentionDays&#x27;")]
    [InlineData("news.example", "ninety", "must be a whole number of days")]
    public async Task Privacy_BadInput_Is400WithTheMessage_NothingChanged(string domains, string retention, string message)
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        await ada.SyncAsync(SignedInUser.Visit(1, "One", "news.example"));
        await ada.Browser.GetAsync("/account/privacy");

        var (response, html) = await ada.Browser.PostAsync("/account/privacy", Form(("excludedDomains", domains), ("retentionDays", retention)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"ExcludedDomains\""));
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
    }

    [Fact]
    public async Task Export_DownloadsTheApisNdjson_AsAFile()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        await ada.SyncAsync(SignedInUser.Visit(1, "Exported page"));

        var response = await ada.Browser.Http.GetAsync("/account/data?handler=Export");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var api = (await (await ada.Api.GetAsync("/api/v1/account/export")).Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Matches(@"^""?heyho-export-\d{4}-\d{2}-\d{2}\.ndjson""?$", response.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(api, lines);
        Assert.Contains(lines, l => l.Contains("Exported page", StringComparison.Ordinal));
        Assert.Contains(ada.Email, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAccount_WrongPassword_Is400_NothingDeleted()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        await ada.SyncAsync(SignedInUser.Visit(1, "Kept"));
        await ada.Browser.GetAsync("/account/data");

        var (response, html) = await ada.Browser.PostAsync("/account/data?handler=Delete", Form(("password", "not my password at all")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The password is incorrect.", html, StringComparison.Ordinal);
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
        await _factory.CreateClient().LoginAsync(ada.Email, WebForms.StrongPassword);
    }

    [Fact]
    public async Task DeleteAccount_WithThePassword_DeletesEverything_SignsOut_SignInFails()
    {
        var ada = await SignedInUser.CreateAsync(_factory);
        await ada.SyncAsync(SignedInUser.Visit(1, "Gone"));
        await ada.Browser.GetAsync("/account/data");

        var (deleted, _) = await ada.Browser.PostAsync("/account/data?handler=Delete", Form(("password", WebForms.StrongPassword)));
        var (_, notice) = await ada.Browser.GetAsync(deleted.Headers.Location!.OriginalString);
        var (signIn, html) = await ada.Browser.SignInAsync(ada.Email);

        Assert.Equal("/sign-in?notice=account-deleted", deleted.Headers.Location!.OriginalString);
        Assert.Contains("Your account and everything HeyHo stored for it have been deleted.", notice, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Contains("The email or password is invalid.", html, StringComparison.Ordinal);
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
        Assert.Equal(HttpStatusCode.BadRequest, (await _factory.CreateClient().PasswordGrantAsync(ada.Email, WebForms.StrongPassword)).StatusCode);
    }
}
