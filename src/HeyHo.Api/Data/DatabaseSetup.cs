using HeyHo.Api.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HeyHo.Api.Data;

public static class DatabaseSetup
{
    public static IServiceCollection AddHeyHoDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = ResolveSqlitePath(
            configuration.GetConnectionString("HeyHo")
                ?? throw new InvalidOperationException("ConnectionStrings:HeyHo is not set."),
            environment.ContentRootPath);
        var database = services.AddValidatedOptions<DatabaseOptions>(configuration, DatabaseOptions.Section);

        // Pooled: a request reuses a context instead of building one (and its service scope) from scratch.
        services.AddDbContextPool<HeyHoDbContext>(options => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmas(database.BusyTimeoutMs))
            .UseOpenIddict());
        services.AddSingleton<WriteGate>();
        services.AddHostedService<DatabaseMigrator>();
        return services;
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

/// <summary>Applies pending migrations before the server takes requests; hosted services start in registration order.</summary>
internal sealed class DatabaseMigrator(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeyHoDbContext>();
        await db.Database.ExecuteSqlRawAsync(SqlitePragmas.EnableWal, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
