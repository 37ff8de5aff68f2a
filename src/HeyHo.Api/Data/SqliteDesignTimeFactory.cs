using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HeyHo.Api.Data;

/// <summary>Lets `dotnet ef` build the SQLite context without starting the app (no database is opened).</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHeyHoDbContext>
{
    public SqliteHeyHoDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqliteHeyHoDbContext>)DatabaseSetup.ConfigureSqlite(
            new DbContextOptionsBuilder<SqliteHeyHoDbContext>(), "Data Source=design-time.db", 5000).Options);
}
