using Microsoft.EntityFrameworkCore;

namespace HeyHo.Api.Data;

public sealed class PostgresHeyHoDbContext(DbContextOptions<PostgresHeyHoDbContext> options) : HeyHoDbContext(options)
{
    /// <summary>Byte-wise text ordering, as SQLite's BINARY collation: keyset pages come in the same order on both engines.</summary>
    public const string OrdinalCollation = "C";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.ClrType == typeof(string)))
        {
            property.SetCollation(OrdinalCollation);
        }
    }
}
