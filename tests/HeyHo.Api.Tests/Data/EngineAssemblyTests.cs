using HeyHo.Api.Data;
using HeyHo.Api.Tests.Harness;
using HeyHo.Testing;

namespace HeyHo.Api.Tests.Data;

/// <summary>
/// A node loads only its own engine's driver: EF Core's model building reflects over every constructor of the API's
/// assembly, so one Npgsql type in a signature loaded Npgsql into every SQLite process (docs/performance.md, "The peak
/// working set: workstation GC"). Read from the real API process's memory map after start-up (migrations, model) and a
/// search, the query that differs by engine.
/// </summary>
public sealed class EngineAssemblyTests(ChildApiFixture api) : IClassFixture<ChildApiFixture>
{
    [Fact]
    public async Task TheApiProcess_LoadsNpgsql_OnlyWhenItRunsOnPostgres()
    {
        var (client, _, _) = await api.SignedInUserAsync();
        using (client)
        {
            (await client.GetAsync("/api/v1/data/page-visits?q=hello")).EnsureSuccessStatusCode();
        }

        var mapped = File.ReadLines($"/proc/{api.Api.Pid}/maps").Any(line => line.EndsWith("/Npgsql.dll", StringComparison.Ordinal));

        Assert.Equal(DatabaseUnderTest.RunProvider == DatabaseProvider.Postgres, mapped);
    }
}
