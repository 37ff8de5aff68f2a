using Microsoft.EntityFrameworkCore;

namespace HeyHo.Api.Data;

public sealed class SqliteHeyHoDbContext(DbContextOptions<SqliteHeyHoDbContext> options) : HeyHoDbContext(options);
