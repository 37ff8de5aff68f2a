using HeyHo.Api.Data;
using HeyHo.Testing;

namespace HeyHo.Api.Tests.Harness;

/// <summary>
/// A test that needs a PostgreSQL server (several nodes over one database, the server's own rules). It runs in both
/// passes whenever HEYHO_TEST_POSTGRES names a server – .ci/run always sets it, so in CI a missing server fails – and
/// is skipped, saying why, on a machine without one.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Postgres.Server is null)
        {
            Skip = $"Needs a PostgreSQL server: set {Postgres.ServerVariable} to a connection string whose role may create databases.";
        }
    }
}
