using HeyHo.Testing;

namespace HeyHo.Api.Tests.Data;

public sealed class CrashConsistencyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>The short version; the long one (20+ kills) is `dotnet run -c Release --project bench/HeyHo.Bench -- crash`.</summary>
    [Fact]
    public async Task ThreeSigkills_WhileClientsSync_LoseNothingAcknowledgedAndHalfStoreNothing()
    {
        var report = await CrashRun.RunAsync(kills: 3, clients: 3, log: output.WriteLine);
        output.WriteLine(report.ToString());

        Assert.Equal(3, report.Kills);
        Assert.True(report.BatchesAcknowledged > 0);
        Assert.Equal(0, report.Missing);
        Assert.Equal(0, report.Duplicates);
        Assert.Equal(0, report.HalfStoredBatches);
        if (DatabaseUnderTest.RunProvider == HeyHo.Api.Data.DatabaseProvider.Sqlite)
        {
            Assert.Equal("ok", report.IntegrityCheck);
        }
        Assert.Equal(0, report.ServerErrors);
    }
}
