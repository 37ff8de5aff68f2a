namespace HeyHo.Api.Data;

public enum DatabaseProvider
{
    /// <summary>One embedded file: nothing to install, one node.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several stateless API nodes can share it.</summary>
    Postgres,
}
