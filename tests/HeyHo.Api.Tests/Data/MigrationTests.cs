using HeyHo.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HeyHo.Api.Tests.Data;

/// <summary>
/// Each engine keeps its own migrations (Data/Migrations/Sqlite, Data/Migrations/Postgres). A model change without a
/// migration for both fails here, on every machine, before any database is involved.
/// </summary>
public sealed class MigrationTests
{
    public static TheoryData<string> Engines => new() { nameof(SqliteHeyHoDbContext), nameof(PostgresHeyHoDbContext) };

    private static HeyHoDbContext Create(string engine) => engine == nameof(SqliteHeyHoDbContext)
        ? new SqliteDesignTimeFactory().CreateDbContext([])
        : new PostgresDesignTimeFactory().CreateDbContext([]);

    [Theory]
    [MemberData(nameof(Engines))]
    public void Model_MatchesTheEnginesLastMigration(string engine)
    {
        using var db = Create(engine);

        Assert.False(db.Database.HasPendingModelChanges(), $"{engine}: the model changed without a migration (dotnet ef migrations add … --context {engine})");
    }

    [Fact]
    public void EachEngine_HasItsOwnMigrations()
    {
        using var sqlite = Create(nameof(SqliteHeyHoDbContext));
        using var postgres = Create(nameof(PostgresHeyHoDbContext));

        var sqliteMigrations = sqlite.GetService<IMigrationsAssembly>().Migrations;
        var postgresMigrations = postgres.GetService<IMigrationsAssembly>().Migrations;

        Assert.NotEmpty(sqliteMigrations);
        Assert.NotEmpty(postgresMigrations);
        Assert.All(sqliteMigrations.Values, t => Assert.Equal("HeyHo.Api.Data.Migrations.Sqlite", t.Namespace));
        Assert.All(postgresMigrations.Values, t => Assert.Equal("HeyHo.Api.Data.Migrations.Postgres", t.Namespace));
    }
}
