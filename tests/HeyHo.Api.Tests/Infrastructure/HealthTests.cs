using System.Net;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Infrastructure;

public sealed class HealthTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Live_AndReady_WhenTheDatabaseIsMigrated()
    {
        var client = _factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", (await ready.ReadJsonAsync())["checks"]!["database"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ready_WithAPendingMigration_Is503WhileLiveStays200()
    {
        var client = _factory.CreateClient();
        using (var db = _factory.OpenDatabase())
        {
            using var command = db.CreateCommand();
            command.CommandText = "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = (SELECT MAX(\"MigrationId\") FROM \"__EFMigrationsHistory\")";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
