using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HeyHo.Api.Tests.Infrastructure;

/// <summary>The real API over a fresh SQLite file, with a clock the test controls.</summary>
public sealed class HeyHoApiFactory : WebApplicationFactory<Program>
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "heyho-tests");

    private readonly Action<IServiceCollection>? _services;

    public HeyHoApiFactory(IDictionary<string, string?>? settings = null, string environment = "Development", Action<IServiceCollection>? services = null, string? databasePath = null)
    {
        _services = services;
        Settings = settings ?? new Dictionary<string, string?>();
        Environment = environment;
        DatabasePath = databasePath ?? NewDatabasePath();
    }

    public static string NewDatabasePath() => Path.Combine(Root, $"{Guid.NewGuid():N}.db");

    /// <summary>Database files of other factories are left alone, so two factories can share one.</summary>
    public bool KeepDatabase { get; init; }

    public IDictionary<string, string?> Settings { get; }

    public string Environment { get; }

    public string DatabasePath { get; }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public SqliteConnection OpenDatabase() => SqliteProbe.Open(DatabasePath);

    public long Count(string sql) => SqliteProbe.Count(DatabasePath, sql);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:HeyHo", $"Data Source={DatabasePath}");
        builder.UseSetting("Certificates:DevelopmentDirectory", Path.Combine(Root, "certs"));
        // Tests that are not about limits must not trip over them; the limit tests set their own values.
        foreach (var limit in new[] { "PasswordGrantsPerUsername", "PasswordGrantsPerIp", "RegistrationsPerIp", "SyncsPerUser" })
        {
            builder.UseSetting($"RateLimits:{limit}:PermitLimit", "100000");
        }
        builder.UseSetting("Auth:PasswordHashQueueTimeout", "00:01:00");
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
        SqliteConnection.ClearAllPools();
        if (KeepDatabase)
        {
            return;
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}
