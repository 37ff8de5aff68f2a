using Microsoft.EntityFrameworkCore;

namespace HeyHo.Api.Data;

/// <summary>
/// Applies pending migrations before the server takes requests; hosted services start in registration order. Nodes
/// starting together over one PostgreSQL database take turns under <see cref="MigrationLock"/> (EF Core's own lock
/// lasts one migration's transaction only).
/// </summary>
internal sealed class DatabaseMigrator(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeyHoDbContext>();
        if (db is SqliteHeyHoDbContext)
        {
            await db.Database.ExecuteSqlRawAsync(SqlitePragmas.EnableWal, cancellationToken);
        }
        await using var serialised = await MigrationLock.AcquireAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
