using Microsoft.EntityFrameworkCore;

namespace HeyHo.Api.Data;

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
        await db.Database.MigrateAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
