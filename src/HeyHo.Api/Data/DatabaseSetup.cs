using System.Globalization;
using HeyHo.Api.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HeyHo.Api.Data;

public static class DatabaseSetup
{
    public static IServiceCollection AddHeyHoDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = configuration.GetConnectionString("HeyHo")
            ?? throw new InvalidOperationException("ConnectionStrings:HeyHo is not set.");
        var database = services.AddValidatedOptions<DatabaseOptions>(configuration, DatabaseOptions.Section);

        // Pooled: a request reuses a context instead of building one (and its service scope) from scratch.
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                services.AddDbContextPool<HeyHoDbContext, PostgresHeyHoDbContext>(options =>
                    ConfigurePostgres(options, connectionString, database.WriteQueueTimeoutMs));
                break;
            default:
                services.AddDbContextPool<HeyHoDbContext, SqliteHeyHoDbContext>(options =>
                    ConfigureSqlite(options, ResolveSqlitePath(connectionString, environment.ContentRootPath), database.BusyTimeoutMs));
                break;
        }
        services.AddSingleton<WriteGate>();
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    internal static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString, int busyTimeoutMs) =>
        options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas(busyTimeoutMs)).UseOpenIddict();

    /// <summary>
    /// The write queue's timeout becomes PostgreSQL's lock_timeout: writers wait for each other's row locks there, not
    /// in a queue of this process, and a lock held too long ends in a 503 as it does on SQLite.
    /// </summary>
    internal static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder options, string connectionString, int lockTimeoutMs)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // The message would quote the connection string, password included: name the setting instead.
            throw new InvalidOperationException(
                "ConnectionStrings:HeyHo is not a PostgreSQL connection string (Database:Provider is Postgres), e.g. Host=…;Database=…;Username=…;Password=….");
        }
        builder.Options = $"{builder.Options} -c lock_timeout={lockTimeoutMs.ToString(CultureInfo.InvariantCulture)}".Trim();
        return options.UseNpgsql(builder.ConnectionString).UseOpenIddict();
    }

    /// <summary>A relative database file lives under the content root, and its folder is created on first start.</summary>
    private static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } source && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(source, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        return builder.ToString();
    }
}

/// <summary>
/// Applies pending migrations before the server takes requests; hosted services start in registration order. Nodes
/// starting together over one PostgreSQL database take turns: EF Core holds a database-wide migration lock.
/// </summary>
internal sealed class DatabaseMigrator(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeyHoDbContext>();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync(SqlitePragmas.EnableWal, cancellationToken);
        }
        await using var serialised = await MigrationLock.AcquireAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Lets `dotnet ef` build each engine's context without starting the app (no database is opened).</summary>
internal sealed class SqliteDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<SqliteHeyHoDbContext>
{
    public SqliteHeyHoDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqliteHeyHoDbContext>)DatabaseSetup.ConfigureSqlite(
            new DbContextOptionsBuilder<SqliteHeyHoDbContext>(), "Data Source=design-time.db", 5000).Options);
}

internal sealed class PostgresDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<PostgresHeyHoDbContext>
{
    public PostgresHeyHoDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresHeyHoDbContext>)DatabaseSetup.ConfigurePostgres(
            new DbContextOptionsBuilder<PostgresHeyHoDbContext>(), "Host=localhost;Database=heyho", 5000).Options);
}
