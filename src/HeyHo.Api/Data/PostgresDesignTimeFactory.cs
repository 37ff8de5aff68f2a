using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HeyHo.Api.Data;

/// <summary>Lets `dotnet ef` build the PostgreSQL context without starting the app (no database is opened).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHeyHoDbContext>
{
    public PostgresHeyHoDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresHeyHoDbContext>)DatabaseSetup.ConfigurePostgres(
            new DbContextOptionsBuilder<PostgresHeyHoDbContext>(), "Host=localhost;Database=heyho", 5000).Options);
}
