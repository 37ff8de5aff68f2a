using System.Net;
using System.Net.Http.Json;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.EmailVerification;

public sealed class EmailVerificationTests : IDisposable
{
    private static readonly string[] Volatile = ["id", "createdAt", "traceId"];
    private readonly HeyHoApiFactory _factory = new();
    private readonly HttpClient _client;
    private readonly Mailbox _mailbox;

    public EmailVerificationTests()
    {
        _client = _factory.CreateClient();
        _mailbox = _factory.Mailbox();
    }

    public void Dispose() => _factory.Dispose();

    private Task<HttpResponseMessage> Verify(string email, string code) =>
        _client.PostAsJsonAsync("/api/v1/verify-email", new { email, code });

    private Task<HttpResponseMessage> Resend(string email) =>
        _client.PostAsJsonAsync("/api/v1/resend-verification", new { email });

    private static async Task<(HttpStatusCode Status, string? ContentType, string Body)> Answer(HttpResponseMessage response) =>
        (response.StatusCode, response.Content.Headers.ContentType?.ToString(),
         System.Text.RegularExpressions.Regex.Replace(await response.Content.ReadAsStringAsync(), "\"traceId\":\"[^\"]*\"", "\"traceId\":\"…\""));

    private static string OtherCode(string code) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Register_ThenVerifyWithTheMailedCode_ProfileShowsEmailVerified()
    {
        var (client, _, _) = await _factory.SignedInUserAsync("ada@example.com");
        var message = await _mailbox.NextAsync("ada@example.com");
        Assert.False((await (await client.GetAsync("/api/v1/account")).ReadJsonAsync())["emailVerified"]!.GetValue<bool>());

        var response = await Verify("ada@example.com", Mailbox.Code(message));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), Volatile);
        Assert.True((await (await client.GetAsync("/api/v1/account")).ReadJsonAsync())["emailVerified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Register_MailsASixDigitCode_AndStoresOnlyItsHash()
    {
        await _client.RegisterAsync("mail@example.com");

        var message = await _mailbox.NextAsync("mail@example.com");

        var code = Mailbox.Code(message);
        Assert.Equal("Your HeyHo verification code", message.Subject);
        Assert.Equal("heyho@localhost", message.From.Mailboxes.Single().Address);
        Assert.Contains("valid for 15 minutes", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"OneTimeCodes\" WHERE \"Purpose\" = 'EmailVerification' AND \"ConsumedAt\" IS NULL"));
        using var connection = _factory.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Hash\", \"Salt\" FROM \"OneTimeCodes\"";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(32, ((byte[])reader[0]).Length);
        Assert.Equal(16, ((byte[])reader[1]).Length);
        Assert.DoesNotContain(code, Convert.ToHexString((byte[])reader[0]) + System.Text.Encoding.ASCII.GetString((byte[])reader[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WrongCode_Returns400_AndTheRightCodeStillWorks()
    {
        await _client.RegisterAsync("wrong@example.com");
        var code = await _mailbox.NextCodeAsync("wrong@example.com");

        var wrong = await Verify("wrong@example.com", OtherCode(code));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Snapshots.MatchJson(await wrong.Content.ReadAsStringAsync(), Volatile);
        Assert.Equal(HttpStatusCode.OK, (await Verify("wrong@example.com", code)).StatusCode);
    }

    [Fact]
    public async Task Verify_ExpiredCode_Returns400_ButOneMomentBeforeItWorks()
    {
        await _client.RegisterAsync("late@example.com");
        await _client.RegisterAsync("just-in-time@example.com");
        var late = await _mailbox.NextCodeAsync("late@example.com");
        var justInTime = await _mailbox.NextCodeAsync("just-in-time@example.com");

        _factory.Clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await Verify("just-in-time@example.com", justInTime)).StatusCode);
        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var response = await Verify("late@example.com", late);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"EmailConfirmed\" AND \"Email\" = 'late@example.com'"));
    }

    [Fact]
    public async Task Verify_UsedCode_Returns400()
    {
        await _client.RegisterAsync("twice@example.com");
        var code = await _mailbox.NextCodeAsync("twice@example.com");
        Assert.Equal(HttpStatusCode.OK, (await Verify("twice@example.com", code)).StatusCode);

        var again = await Verify("twice@example.com", code);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Verify_SixthTryAfterFiveWrongOnes_FailsEvenWithTheRightCode()
    {
        await _client.RegisterAsync("guesser@example.com");
        var code = await _mailbox.NextCodeAsync("guesser@example.com");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await Verify("guesser@example.com", OtherCode(code))).StatusCode);
        }

        var right = await Verify("guesser@example.com", code);

        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"EmailConfirmed\""));
    }

    [Fact]
    public async Task Verify_FifthTryAfterFourWrongOnes_StillWorks()
    {
        await _client.RegisterAsync("patient@example.com");
        var code = await _mailbox.NextCodeAsync("patient@example.com");
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await Verify("patient@example.com", OtherCode(code))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await Verify("patient@example.com", code)).StatusCode);
    }

    [Fact]
    public async Task Verify_UnknownEmail_AnswersExactlyAsAWrongCode()
    {
        await _client.RegisterAsync("known@example.com");
        var code = await _mailbox.NextCodeAsync("known@example.com");

        var wrong = await Answer(await Verify("known@example.com", OtherCode(code)));
        var unknown = await Answer(await Verify("nobody@example.com", code));
        Assert.Equal(HttpStatusCode.OK, (await Verify("known@example.com", code)).StatusCode);
        var used = await Answer(await Verify("known@example.com", code));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal(wrong, unknown);
        Assert.Equal(wrong, used);
    }

    [Fact]
    public async Task Verify_InvalidFields_Returns400PerField()
    {
        var response = await Verify("not-an-email", "12345a");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), Volatile);
    }

    [Fact]
    public async Task Verify_CodeWithSurroundingSpaces_IsAccepted()
    {
        await _client.RegisterAsync("paste@example.com");
        var code = await _mailbox.NextCodeAsync("paste@example.com");

        Assert.Equal(HttpStatusCode.OK, (await Verify("PASTE@example.com", $" {code}\n")).StatusCode);
    }

    [Fact]
    public async Task Resend_ReplacesTheOldCode()
    {
        await _client.RegisterAsync("again@example.com");
        var first = await _mailbox.NextCodeAsync("again@example.com");

        var response = await Resend("again@example.com");
        var second = await _mailbox.NextCodeAsync("again@example.com");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), Volatile);
        Assert.NotEqual(first, second); // one chance in a million that the new code repeats the old one
        Assert.Equal(HttpStatusCode.BadRequest, (await Verify("again@example.com", first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Verify("again@example.com", second)).StatusCode);
    }

    [Fact]
    public async Task Resend_RenewsTheTries_AndTheLifetime()
    {
        await _client.RegisterAsync("renew@example.com");
        var first = await _mailbox.NextCodeAsync("renew@example.com");
        for (var i = 0; i < 5; i++)
        {
            await Verify("renew@example.com", OtherCode(first));
        }
        _factory.Clock.Advance(TimeSpan.FromMinutes(20));

        await Resend("renew@example.com");
        var second = await _mailbox.NextCodeAsync("renew@example.com");

        Assert.Equal(HttpStatusCode.OK, (await Verify("renew@example.com", second)).StatusCode);
    }

    [Fact]
    public async Task Resend_UnknownKnownAndVerifiedEmails_AnswerIdentically_AndOnlyTheUnverifiedGetsMail()
    {
        await _client.RegisterAsync("pending@example.com");
        await _client.RegisterAsync("done@example.com");
        await _mailbox.NextCodeAsync("pending@example.com");
        Assert.Equal(HttpStatusCode.OK, (await Verify("done@example.com", await _mailbox.NextCodeAsync("done@example.com"))).StatusCode);

        var pending = await Answer(await Resend("pending@example.com"));
        var verified = await Answer(await Resend("done@example.com"));
        var unknown = await Answer(await Resend("nobody@example.com"));

        Assert.Equal(HttpStatusCode.Accepted, pending.Status);
        Assert.Equal(pending, verified);
        Assert.Equal(pending, unknown);
        await _mailbox.NextAsync("pending@example.com");
        Assert.Equal(3, _factory.Count("SELECT COUNT(*) FROM \"OutboxMessages\"")); // two sign-ups and one resend
    }

    [Fact]
    public async Task Resend_InvalidEmail_Returns400()
    {
        var response = await Resend("not-an-email");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), Volatile);
    }

    [Fact]
    public async Task Login_WithAnUnverifiedAddress_IsAllowed()
    {
        await _client.RegisterAsync("eager@example.com");

        await _client.LoginAsync("eager@example.com");
    }

    [Fact]
    public async Task DeleteAccount_RemovesItsCodeAndItsMessages()
    {
        var (client, _, _) = await _factory.SignedInUserAsync("leaving@example.com");
        await _mailbox.NextAsync("leaving@example.com");
        Assert.Equal(1, _factory.Count("SELECT COUNT(*) FROM \"OutboxMessages\""));

        await client.SendAsync(TestApi.Json(HttpMethod.Delete, "/api/v1/account", new { password = TestApi.Password }));

        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"OneTimeCodes\""));
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"OutboxMessages\""));
    }
}
