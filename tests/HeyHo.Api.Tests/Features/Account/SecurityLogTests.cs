using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Account;

public sealed class SecurityLogTests
{
    private static readonly string[] Volatile = ["at", "traceId"];
    private const string NewPassword = "violet tugboat marmalade zipper";

    private static async Task<JsonObject> LogAsync(HttpClient client, string accessToken, string query = "")
    {
        var response = await client.SendAsync(HttpMethod.Get, $"/api/v1/account/security-log{query}", accessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static async Task<string> ResetCodeAsync(Mailbox mailbox, string email)
    {
        while (true)
        {
            var message = await mailbox.NextAsync(email);
            if (message.Subject == "Reset your HeyHo password")
            {
                return Mailbox.Code(message);
            }
        }
    }

    [Fact]
    public async Task Log_AfterAScriptedStory_ListsEveryEventNewestFirst_WithoutSecrets()
    {
        using var factory = new HeyHoApiFactory();
        var client = factory.CreateClient();
        var mailbox = factory.Mailbox();
        await client.RegisterAsync("ada@example.com");
        await client.PostAsJsonAsync("/api/v1/verify-email", new { email = "ada@example.com", code = await mailbox.NextCodeAsync("ada@example.com") });
        await client.PasswordGrantAsync("ada@example.com", "not my password at all");
        var chrome = await client.LoginFromAsync("ada@example.com", SessionApi.Chrome);
        var curl = await client.LoginFromAsync("ada@example.com", SessionApi.Curl);
        await client.SendAsync(HttpMethod.Post, "/api/v1/auth/logout", curl.AccessToken, new { });
        var fromChrome = factory.CreateClient();
        fromChrome.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", SessionApi.Chrome);
        (await fromChrome.SendAsync(HttpMethod.Get, "/api/v1/account/export", chrome.AccessToken)).EnsureSuccessStatusCode();
        await fromChrome.SendAsync(HttpMethod.Post, "/api/v1/account/password", chrome.AccessToken,
            new { currentPassword = TestApi.Password, newPassword = NewPassword });
        await client.PostAsJsonAsync("/api/v1/auth/password-reset/request", new { email = "ada@example.com" });
        var code = await ResetCodeAsync(mailbox, "ada@example.com");
        (await client.PostAsJsonAsync("/api/v1/auth/password-reset", new { email = "ada@example.com", code, newPassword = "sunflower radio glacier" }))
            .EnsureSuccessStatusCode();
        var firefox = await client.LoginFromAsync("ada@example.com", SessionApi.Firefox, "sunflower radio glacier");

        var log = await LogAsync(client, firefox.AccessToken);

        Snapshots.MatchJson(log.ToJsonString(), Volatile);
        var text = log.ToJsonString();
        foreach (var secret in new[] { TestApi.Password, NewPassword, "sunflower radio glacier", code, chrome.AccessToken, chrome.RefreshToken })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Log_PagesByCursor_NewestFirst_WithoutGapsOrRepeats_AndShowsOnlyTheCallersEvents()
    {
        using var factory = new HeyHoApiFactory();
        var client = factory.CreateClient();
        await client.RegisterAsync("ada@example.com");
        await client.RegisterAsync("eve@example.com");
        for (var i = 0; i < 4; i++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await client.PasswordGrantAsync("ada@example.com", "not my password at all");
            await client.PasswordGrantAsync("eve@example.com", "not my password at all");
        }
        var ada = await client.LoginAsync("ada@example.com");

        var all = (JsonArray)(await LogAsync(client, ada.AccessToken, "?limit=200"))["items"]!;
        var paged = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await LogAsync(client, ada.AccessToken, cursor is null ? "?limit=2" : $"?limit=2&cursor={cursor}");
            paged.AddRange(((JsonArray)page["items"]!).Select(n => n!.DeepClone()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        Assert.Equal(6, all.Count); // sign-up, four failed logins, one login
        Assert.Equal(all.Select(n => n!.ToJsonString()), paged.Select(n => n.ToJsonString()));
        var times = all.Select(n => n!["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Equal("loginSucceeded", all[0]!["kind"]!.GetValue<string>());
        Assert.Equal("signedUp", all[^1]!["kind"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?cursor=nonsense", "cursor")]
    public async Task Log_BadPaging_Is400(string query, string field)
    {
        using var factory = new HeyHoApiFactory();
        var (client, tokens, _) = await factory.SignedInUserAsync();

        var response = await client.SendAsync(HttpMethod.Get, $"/api/v1/account/security-log{query}", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
    }

    [Fact]
    public async Task Log_FailedLoginForAnUnknownEmail_WritesNothing_AndLockoutIsLogged()
    {
        using var factory = new HeyHoApiFactory();
        var client = factory.CreateClient();
        await client.RegisterAsync("ada@example.com");
        var before = factory.Count("SELECT COUNT(*) FROM \"SecurityEvents\"");

        await client.PasswordGrantAsync("nobody@example.com", "not my password at all");
        Assert.Equal(before, factory.Count("SELECT COUNT(*) FROM \"SecurityEvents\""));

        for (var i = 0; i < 5; i++)
        {
            await client.PasswordGrantAsync("ada@example.com", "not my password at all");
        }
        Assert.Equal(1, factory.Count("SELECT COUNT(*) FROM \"SecurityEvents\" WHERE \"Kind\" = 'LockedOut'"));
    }

    [Fact]
    public async Task DeleteAccount_DeletesItsLog()
    {
        using var factory = new HeyHoApiFactory();
        var (client, _, userId) = await factory.SignedInUserAsync();
        Assert.True(factory.Count($"SELECT COUNT(*) FROM \"SecurityEvents\" WHERE \"UserId\" = '{userId}'") > 0);

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/account") { Content = JsonContent.Create(new { password = TestApi.Password }) });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(0, factory.Count($"SELECT COUNT(*) FROM \"SecurityEvents\" WHERE \"UserId\" = '{userId}'"));
    }

    [Fact]
    public async Task Pruning_OnItsSchedule_DeletesEventsPastTheRetention_AndKeepsNewerOnes()
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?>
        {
            ["Account:SecurityLogRetention"] = "1.00:00:00", ["Account:SecurityLogPruneInterval"] = "00:10:00",
        });
        var client = factory.CreateClient();
        await client.RegisterAsync("old@example.com");
        using (var first = new RecordedMeasurements(factory.Services, "heyho.account.security_events.pruned"))
        {
            factory.Clock.Advance(TimeSpan.FromHours(20));
            await first.Recorded; // a run that finds nothing old enough
        }
        Assert.True(factory.Count("SELECT COUNT(*) FROM \"SecurityEvents\"") > 0);
        await client.RegisterAsync("new@example.com");

        using (var second = new RecordedMeasurements(factory.Services, "heyho.account.security_events.pruned"))
        {
            factory.Clock.Advance(TimeSpan.FromHours(10));
            await second.Recorded;
        }

        Assert.Equal(0, factory.Count("SELECT COUNT(*) FROM \"SecurityEvents\" e JOIN \"AspNetUsers\" u ON u.\"Id\" = e.\"UserId\" WHERE u.\"Email\" = 'old@example.com'"));
        Assert.Equal(1, factory.Count("SELECT COUNT(*) FROM \"SecurityEvents\" e JOIN \"AspNetUsers\" u ON u.\"Id\" = e.\"UserId\" WHERE u.\"Email\" = 'new@example.com'"));
    }
}
