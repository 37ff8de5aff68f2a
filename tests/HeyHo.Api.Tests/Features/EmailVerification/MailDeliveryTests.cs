using System.Net;
using System.Net.Http.Json;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure.Mail;
using HeyHo.Api.Tests.Harness;
using HeyHo.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HeyHo.Api.Tests.Features.EmailVerification;

/// <summary>The outbox against a real SMTP server that is down, comes up, and is shared by two nodes.</summary>
public sealed class MailDeliveryTests
{
    private static HeyHoApiFactory Factory(TestSmtpServer smtp, LogSignal logs, DatabaseUnderTest? database = null) => new(
        smtp.Settings,
        services: s => s.AddSingleton<ILoggerProvider>(logs),
        database: database);

    private static string State(HeyHoApiFactory factory) =>
        factory.Count("SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"State\" = 'Sent'") == 1 ? "Sent"
        : factory.Count("SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"State\" = 'Failed'") == 1 ? "Failed"
        : "Pending";

    [Fact]
    public async Task SignUp_WhileTheMailServerIsDown_Succeeds_AndTheCodeArrivesOnceItIsUp()
    {
        await using var smtp = new TestSmtpServer(); // not started: nothing listens on its port
        var logs = new LogSignal();
        using var factory = Factory(smtp, logs);
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "patient@example.com", password = TestApi.Password });
        await logs.WaitForAsync("attempt 1 failed");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Pending", State(factory));
        Assert.Empty(smtp.Received);

        await smtp.StartAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(1)); // the first retry falls due
        var message = Assert.Single(await smtp.WaitForAsync(1));
        await logs.WaitForAsync("sent (attempt 2)");

        Assert.Equal("patient@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/verify-email", new { email = "patient@example.com", code = Mailbox.Code(message) })).StatusCode);
        Assert.Equal("Sent", State(factory));
        Assert.Equal(0, factory.Count("SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Body\" IS NOT NULL"));
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task MailServerDownForLongerThanTheCodeLives_TheMessageIsGivenUpAndItsBodyCleared()
    {
        await using var smtp = new TestSmtpServer();
        var logs = new LogSignal();
        using var factory = Factory(smtp, logs);
        await factory.CreateClient().RegisterAsync("unlucky@example.com");

        // Attempts at 0, 1, 3 and 7 minutes; the next would come at 15, when the code has expired.
        await logs.WaitForAsync("attempt 1 failed");
        foreach (var (wait, attempt) in new[] { (1, 2), (2, 3) })
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(wait));
            await logs.WaitForAsync($"attempt {attempt} failed");
        }
        factory.Clock.Advance(TimeSpan.FromMinutes(4));
        await logs.WaitForAsync("given up after attempt 4 (SocketException)");

        Assert.Equal("Failed", State(factory));
        Assert.Equal(1, factory.Count("SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Body\" IS NULL AND \"Attempts\" = 4 AND \"LastError\" = 'SocketException'"));
    }

    [Fact]
    public void RetryDelay_DoublesFromOneMinute_UpToOneHour()
    {
        var options = new OutboxOptions();

        var delays = Enumerable.Range(1, 9).Select(attempt => MailOutboxSender.RetryDelay(options, attempt).TotalMinutes);

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
    }

    [Fact]
    public async Task Resend_WhileAnEarlierMessageWaits_SendsOnlyTheNewCode()
    {
        await using var smtp = new TestSmtpServer();
        var logs = new LogSignal();
        using var factory = Factory(smtp, logs);
        var client = factory.CreateClient();
        await client.RegisterAsync("both@example.com");
        await logs.WaitForAsync("attempt 1 failed");

        await smtp.StartAsync();
        await client.PostAsJsonAsync("/api/v1/resend-verification", new { email = "both@example.com" });
        await logs.WaitForAsync("sent (attempt 1)"); // the resend's message, at once
        factory.Clock.Advance(TimeSpan.FromMinutes(1)); // the first message's retry falls due – and finds itself superseded
        await logs.WaitForAsync("superseded");

        var message = Assert.Single(smtp.Received);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/verify-email", new { email = "both@example.com", code = Mailbox.Code(message) })).StatusCode);
    }

    [Fact]
    public async Task Logs_NeverCarryTheCodeTheAddressOrTheBody()
    {
        await using var smtp = new TestSmtpServer();
        await smtp.StartAsync();
        var logs = new LogSignal();
        using var factory = Factory(smtp, logs);
        var client = factory.CreateClient();
        const string Email = "private.person@example.com";

        await client.RegisterAsync(Email);
        await smtp.WaitForAsync(1); // a resend while the first message still waits would supersede it
        await client.PostAsJsonAsync("/api/v1/resend-verification", new { email = Email });
        var messages = await smtp.WaitForAsync(2);
        await client.PostAsJsonAsync("/api/v1/verify-email", new { email = Email, code = Mailbox.Code(messages.Last()) });
        await logs.WaitForAsync("sent (attempt 1)", 2);

        var all = string.Join("\n", logs.Lines);
        foreach (var secret in messages.Select(Mailbox.Code).Append(Email).Append("verification code is"))
        {
            Assert.DoesNotContain(secret, all, StringComparison.OrdinalIgnoreCase);
        }
    }

    [PostgresFact]
    public async Task TwoNodesOverOneDatabase_SendEveryMessageExactlyOnce()
    {
        const int Messages = 30;
        await using var smtp = new TestSmtpServer();
        await smtp.StartAsync();
        using var database = DatabaseUnderTest.Create(DatabaseProvider.Postgres);
        var logs = new LogSignal(); // both nodes log here
        using var nodeA = Factory(smtp, logs, database);
        using var nodeB = Factory(smtp, logs, database);
        nodeA.CreateClient();
        nodeB.CreateClient();

        // Queued on node A; node B is woken at the same moment, so the two race for every message.
        await using (var scope = nodeA.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeyHoDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
            for (var i = 0; i < Messages; i++)
            {
                outbox.Enqueue(db, new OutgoingMail($"user{i}@example.com", "Hello", $"Message {i}"));
            }
            await db.SaveChangesAsync();
        }
        nodeB.Services.GetRequiredService<MailOutbox>().Wake();

        await logs.WaitForAsync("sent (attempt", Messages);

        Assert.Equal(Messages, nodeA.Count("SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"State\" = 'Sent' AND \"Attempts\" = 1"));
        Assert.Equal(Messages, smtp.Received.Count);
        Assert.Equal(Messages, smtp.Received.Select(m => m.MessageId).Distinct().Count());
    }
}
