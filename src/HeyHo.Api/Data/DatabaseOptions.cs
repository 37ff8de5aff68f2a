using System.ComponentModel.DataAnnotations;

namespace HeyHo.Api.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The engine behind <c>ConnectionStrings:HeyHo</c>.</summary>
    [EnumDataType(typeof(DatabaseProvider))]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite only: how long a connection waits for another process's write lock before the request answers 503.</summary>
    [Range(0, 600_000)]
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>
    /// How long a write waits for its turn before the request answers 503: on SQLite the queue inside this process
    /// (writes are serialised), on PostgreSQL the lock_timeout of every statement (a row or table lock another
    /// transaction – on any node – holds).
    /// </summary>
    [Range(100, 600_000)]
    public int WriteQueueTimeoutMs { get; set; } = 30_000;
}
