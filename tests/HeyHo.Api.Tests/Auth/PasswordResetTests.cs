using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HeyHo.Api.Auth;
using HeyHo.Api.Tests.Harness;
using MimeKit;

namespace HeyHo.Api.Tests.Auth;

public sealed class PasswordResetTests : IDisposable
{
    private const string NewPassword = "violet tugboat marmalade zipper";
    private static readonly string[] Volatile = ["traceId"];
    private readonly HeyHoApiFactory _factory = new(new Dictionary<string, string?> { ["Mail:PublicBaseUrl"] = "https://heyho.example" });
    private readonly HttpClient _client;
    private readonly Mailbox _mailbox;

    public PasswordResetTests()
    {
        _client = _factory.CreateClient();
        _mailbox = _factory.Mailbox();
    }

    public void Dispose() => _factory.Dispose();

    private Task<HttpResponseMessage> RequestReset(string email) =>
        _client.PostAsJsonAsync("/api/v1/auth/password-reset/request", new { email });

    private Task<HttpResponseMessage> Reset(string email, string code, string newPassword = NewPassword) =>
        _client.PostAsJsonAsync("/api/v1/auth/password-reset", new { email, code, newPassword });

    /// <summary>The next reset message to the address (verification messages before it are skipped).</summary>
    private async Task<MimeMessage> ResetMessageAsync(string email)
    {
        while (true)
        {
            var message = await _mailbox.NextAsync(email);
            if (message.Subject == "Reset your HeyHo password")
            {
                return message;
            }
        }
    }

    private async Task<string> RequestCodeAsync(string email)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await RequestReset(email)).StatusCode);
        return Mailbox.Code(await ResetMessageAsync(email));
    }

    private static async Task<(HttpStatusCode Status, string? ContentType, string Body)> Answer(HttpResponseMessage response) =>
        (response.StatusCode, response.Content.Headers.ContentType?.ToString(),
         Regex.Replace(await response.Content.ReadAsStringAsync(), "\"traceId\":\"[^\"]*\"", "\"traceId\":\"…\""));

    private static string OtherCode(string code) =>
        ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Reset_WithTheMailedCode_SetsThePassword_EndsEverySession_AndClearsALockout()
    {
        var (client, tokens, _) = await _factory.SignedInUserAsync("ada@example.com");
        for (var i = 0; i < 5; i++)
        {
            await _client.PasswordGrantAsync("ada@example.com", "not my password at all");
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PasswordGrantAsync("ada@example.com")).StatusCode); // locked out

        Assert.Equal(HttpStatusCode.Accepted, (await RequestReset("ada@example.com")).StatusCode);
        var message = await ResetMessageAsync("ada@example.com");
        var code = Mailbox.Code(message);
        var response = await Reset("ada@example.com", code);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains($"https://heyho.example/reset-password?email=ada%40example.com&code={code}", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("valid for 30 minutes", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/account")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.RefreshGrantAsync(tokens.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PasswordGrantAsync("ada@example.com", NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PasswordGrantAsync("ada@example.com")).StatusCode);
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"OneTimeCodes\" WHERE \"Purpose\" = 'PasswordReset' AND \"ConsumedAt\" IS NOT NULL"));
    }

    [Fact]
    public async Task Request_KnownAndUnknownEmails_AnswerIdentically_AndOnlyTheKnownGetsMail()
    {
        await _client.RegisterAsync("known@example.com");

        var known = await Answer(await RequestReset("known@example.com"));
        var unknown = await Answer(await RequestReset("nobody@example.com"));
        await ResetMessageAsync("known@example.com");

        Assert.Equal(HttpStatusCode.Accepted, known.Status);
        Assert.Equal(known, unknown);
        Snapshots.MatchJson(known.Body);
        Assert.DoesNotContain(_mailbox.All(), m => m.To.Mailboxes.Any(a => a.Address == "nobody@example.com"));
    }

    [Fact]
    public async Task Reset_UnknownEmail_AnswersExactlyAsAWrongCode()
    {
        await _client.RegisterAsync("ada@example.com");
        var code = await RequestCodeAsync("ada@example.com");

        var wrong = await Answer(await Reset("ada@example.com", OtherCode(code)));
        var unknown = await Answer(await Reset("nobody@example.com", code));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal(wrong, unknown);
        Snapshots.MatchJson(wrong.Body, Volatile);
    }

    [Fact]
    public async Task Reset_AUsedCode_IsRefused()
    {
        await _client.RegisterAsync("ada@example.com");
        var code = await RequestCodeAsync("ada@example.com");
        Assert.Equal(HttpStatusCode.NoContent, (await Reset("ada@example.com", code)).StatusCode);

        var again = await Reset("ada@example.com", code, "sunflower radio glacier");

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(ResetPassword.Refused, (await again.ReadJsonAsync())["errors"]!["code"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await _client.PasswordGrantAsync("ada@example.com", NewPassword)).StatusCode);
    }

    [Fact]
    public async Task Reset_AfterThirtyMinutes_IsRefused()
    {
        await _client.RegisterAsync("ada@example.com");
        var code = await RequestCodeAsync("ada@example.com");

        _factory.Clock.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
        var response = await Reset("ada@example.com", code);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PasswordGrantAsync("ada@example.com")).StatusCode);
    }

    [Fact]
    public async Task Reset_TheSixthTry_FailsEvenWithTheRightCode()
    {
        await _client.RegisterAsync("ada@example.com");
        var code = await RequestCodeAsync("ada@example.com");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await Reset("ada@example.com", OtherCode(code))).StatusCode);
        }

        var sixth = await Reset("ada@example.com", code);

        Assert.Equal(HttpStatusCode.BadRequest, sixth.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PasswordGrantAsync("ada@example.com")).StatusCode);
    }

    [Fact]
    public async Task Reset_ACommonPassword_Is400WithItsReason_AndTheCodeStaysUsable()
    {
        await _client.RegisterAsync("ada@example.com");
        var code = await RequestCodeAsync("ada@example.com");

        var weak = await Reset("ada@example.com", code, "password1234");
        var strong = await Reset("ada@example.com", code);

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal("application/json", weak.Content.Headers.ContentType!.MediaType);
        Snapshots.MatchJson(await weak.Content.ReadAsStringAsync(), Volatile);
        Assert.Equal(HttpStatusCode.NoContent, strong.StatusCode);
    }

    [Fact]
    public async Task Reset_ANewRequest_ReplacesTheEarlierCode()
    {
        await _client.RegisterAsync("ada@example.com");
        var first = await RequestCodeAsync("ada@example.com");
        var second = await RequestCodeAsync("ada@example.com");

        if (first != second)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await Reset("ada@example.com", first)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await Reset("ada@example.com", second)).StatusCode);
    }

    [Fact]
    public async Task InvalidFields_AreNamedAsTheJsonFields()
    {
        var client = _factory.CreateClient();

        var request = await client.PostAsJsonAsync("/api/v1/auth/password-reset/request", new { email = "not-an-email" });
        var reset = await client.PostAsJsonAsync("/api/v1/auth/password-reset", new { email = "", code = "", newPassword = "" });

        Assert.Equal(HttpStatusCode.BadRequest, request.StatusCode);
        Assert.Equal(["email"], (await request.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        Assert.Equal(["code", "email", "newPassword"],
            (await reset.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
    }
}
