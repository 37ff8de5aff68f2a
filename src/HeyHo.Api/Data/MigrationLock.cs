using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HeyHo.Api.Data;

/// <summary>
/// EF Core's own migration lock on PostgreSQL lasts one migration's transaction. With two or more pending migrations,
/// nodes starting together took turns per migration: one found the next migration already applied half-way through its
/// own list and applied it again ("relation … already exists", seen in the two-node test once a second migration
/// existed). A session advisory lock held over the whole run lets one node migrate while the others wait and then find
/// nothing pending.
/// </summary>
internal sealed class MigrationLock : IAsyncDisposable
{
    private const long Key = 0x4865_7948_6F4D_6967; // "HeyHoMig"

    // Typed as the base class: EF Core's model building reflects over this assembly's constructors, and an Npgsql type
    // in a signature would load Npgsql into a SQLite process.
    private readonly DbConnection _connection;

    private MigrationLock(DbConnection connection) => _connection = connection;

    /// <summary>Null on SQLite: one node, and its migrations run in one process (which then never loads Npgsql).</summary>
    public static Task<MigrationLock?> AcquireAsync(HeyHoDbContext db, CancellationToken cancellationToken) =>
        db is PostgresHeyHoDbContext ? AcquirePostgresAsync(db, cancellationToken) : Task.FromResult<MigrationLock?>(null);

    private static async Task<MigrationLock?> AcquirePostgresAsync(DbContext db, CancellationToken cancellationToken)
    {
        // Unpooled: the lock belongs to this session, which must end with it.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new MigrationLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT pg_advisory_unlock({Key})";
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            await _connection.DisposeAsync(); // ending the session releases the lock even when the unlock failed
        }
    }
}
