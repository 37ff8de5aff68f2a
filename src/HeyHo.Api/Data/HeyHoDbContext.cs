using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace HeyHo.Api.Data;

/// <summary>
/// The one model of the application. Each engine has its own subclass so that each keeps its own migrations
/// (Data/Migrations/Sqlite, Data/Migrations/Postgres): the layout EF Core documents for several providers.
/// Everything else asks for <see cref="HeyHoDbContext"/> and gets the configured engine's subclass.
/// </summary>
public abstract class HeyHoDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.Entity<AppUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(100);
            user.Property(u => u.TimeZone).HasMaxLength(100);
            user.Property(u => u.CreatedAt).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        });
        builder.ApplyConfigurationsFromAssembly(typeof(HeyHoDbContext).Assembly);
    }
}
