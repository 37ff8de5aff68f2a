using HeyHo.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HeyHo.Api.Tests.Harness;

/// <summary>The real API over a fresh database (SQLite file or PostgreSQL database, see <see cref="DatabaseUnderTest"/>), with a clock the test controls.</summary>
public sealed class HeyHoApiFactory : WebApplicationFactory<Program>
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "heyho-tests");

    private readonly Action<IServiceCollection>? _services;

    private readonly bool _ownsDatabase;

    /// <param name="database">A database the caller owns (two factories can share one); by default a fresh one this factory drops.</param>
    public HeyHoApiFactory(IDictionary<string, string?>? settings = null, string environment = "Development", Action<IServiceCollection>? services = null, DatabaseUnderTest? database = null)
    {
        _services = services;
        Settings = settings ?? new Dictionary<string, string?>();
        Environment = environment;
        _ownsDatabase = database is null;
        Database = database ?? DatabaseUnderTest.Create();
    }

    public IDictionary<string, string?> Settings { get; }

    public string Environment { get; }

    public DatabaseUnderTest Database { get; }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Development's mail pickup directory, one per factory (see <see cref="Mailbox"/>).</summary>
    public string MailDirectory { get; } = Path.Combine(Root, "mail", Guid.NewGuid().ToString("N"));

    public System.Data.Common.DbConnection OpenDatabase() => Database.Open();

    public long Count(string sql) => Database.Count(sql);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Certificates:DevelopmentDirectory", Path.Combine(Root, "certs"));
        // Tests that are not about limits must not trip over them; the limit tests set their own values.
        foreach (var limit in new[] { "PasswordGrantsPerUsername", "PasswordGrantsPerIp", "RegistrationsPerIp", "SyncsPerUser" })
        {
            builder.UseSetting($"RateLimits:{limit}:PermitLimit", "100000");
        }
        builder.UseSetting("Auth:PasswordHashQueueTimeout", "00:01:00");
        builder.UseSetting("Mail:PickupDirectory", MailDirectory);
        if (Environment != "Development")
        {
            // Required there; nothing listens on this port, so messages wait in the outbox.
            builder.UseSetting("Mail:Host", "127.0.0.1");
            builder.UseSetting("Mail:Port", "1");
            builder.UseSetting("Mail:From", "heyho@example.com");
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            _services?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_ownsDatabase)
        {
            Database.Dispose();
        }
        if (Directory.Exists(MailDirectory))
        {
            Directory.Delete(MailDirectory, recursive: true);
        }
    }
}
