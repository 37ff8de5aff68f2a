using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HeyHo.Api.Tests.Infrastructure;

public sealed class LoggingTests
{
    [Fact]
    public async Task RegisterLoginRefreshSync_LogsCarryTraceAndUserButNoSecrets()
    {
        var sink = new CapturingLoggerProvider();
        using var factory = new HeyHoApiFactory(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug" },
            services: s => s.AddSingleton<ILoggerProvider>(sink));
        var client = factory.CreateClient();
        const string email = "secretive.person@example.com";

        var profile = await client.RegisterAsync(email);
        await client.PasswordGrantAsync(email, "a wrong password here");
        var tokens = await client.LoginAsync(email);
        var refreshed = await TestApi.ReadTokensAsync(await client.RefreshGrantAsync(tokens.RefreshToken));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.AccessToken);
        await client.SyncAsync(SyncData.SampleBatch);
        await client.GetAsync("/api/v1/account");

        var logs = sink.Lines.ToArray();
        var all = string.Join("\n", logs);
        Assert.NotEmpty(logs);
        foreach (var secret in new[] { email, TestApi.Password, "a wrong password here", tokens.AccessToken, tokens.RefreshToken, refreshed.AccessToken, refreshed.RefreshToken })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("Authorization: ", all, StringComparison.OrdinalIgnoreCase); // no header dumps (category names may say "Authorization")
        Assert.DoesNotContain("Bearer ey", all, StringComparison.Ordinal);
        Assert.DoesNotContain("SELECT ", all, StringComparison.Ordinal);
        var syncLine = Assert.Single(logs, l => l.Contains("HTTP POST /api/v1/data/sync responded 200", StringComparison.Ordinal));
        Assert.Contains($"user {profile["id"]!.GetValue<string>()}", syncLine, StringComparison.Ordinal);
        Assert.Matches("trace [0-9a-f]{32}", syncLine);
    }

    [Fact]
    public async Task RegistrationLosingTheRaceForItsEmail_LogsNoStackTraceOrSql()
    {
        // The loser fails inside EF Core's SaveChanges, which would log the whole exception; the API answers 409
        // and its logs keep no stack trace.
        var sink = new CapturingLoggerProvider();
        using var factory = new HeyHoApiFactory(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" },
            services: s =>
            {
                s.AddSingleton<ILoggerProvider>(sink);
                RivalRegistration.AddTo(s);
            });

        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email = "racing@example.com", password = TestApi.Password });

        Assert.Equal(System.Net.HttpStatusCode.Conflict, response.StatusCode);
        var all = string.Join("\n", sink.Lines);
        Assert.Contains("responded 409", all, StringComparison.Ordinal); // the request was logged
        Assert.DoesNotContain("   at ", all, StringComparison.Ordinal); // a stack frame
        Assert.DoesNotContain("INSERT ", all, StringComparison.Ordinal);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} | {values} | {exception}");
            }
        }
    }
}
