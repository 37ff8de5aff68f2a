using Microsoft.Data.Sqlite;

namespace HeyHo.Api.Tests.Infrastructure;

/// <summary>Reads the API's SQLite file directly, as a second process would: what is really stored.</summary>
public static class SqliteProbe
{
    public static SqliteConnection Open(string databasePath)
    {
        var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        return connection;
    }

    public static long Count(string databasePath, string sql)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
