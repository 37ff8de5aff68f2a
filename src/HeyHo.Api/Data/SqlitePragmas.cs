using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HeyHo.Api.Data;

/// <summary>
/// Durability settings: WAL is a property of the database file (set once, by the migrator); synchronous and the
/// busy timeout are per connection, so every connection the app opens gets them.
/// </summary>
public sealed class SqlitePragmas(int busyTimeoutMs) : DbConnectionInterceptor
{
    public const string EnableWal = "PRAGMA journal_mode=WAL;";

    private readonly string Sql = $"PRAGMA synchronous=FULL; PRAGMA busy_timeout={busyTimeoutMs}; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
