namespace HeyHo.Bench;

/// <summary>
/// One command runs every benchmark scenario; see docs/performance.md and docs/reliability.md.
/// An explicit entry point in a namespace: the API project already owns the global Program type.
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        //   dotnet run -c Release --project bench/HeyHo.Bench [-- --quick]
        // Internal: "--bare-server --urls <url>" serves the constant endpoint used as the HTTP ceiling.
        if (args is ["--bare-server", .. var rest])
        {
            await BareServer.RunAsync(rest);
            return 0;
        }

        // Reliability runs (docs/reliability.md): crash consistency, mixed load, resource bounds.
        // The crash run uses PostgreSQL when HEYHO_TEST_PROVIDER=Postgres (and HEYHO_TEST_POSTGRES) are set.
        if (args is ["crash", ..])
        {
            var report = await CrashRun.RunAsync(
                kills: Option(args, "--kills", 20), clients: Option(args, "--clients", 4), log: Console.WriteLine);
            Console.WriteLine(report);
            return report is { Missing: 0, Duplicates: 0, HalfStoredBatches: 0, ServerErrors: 0 }
                && (report.IntegrityCheck == "ok" || DatabaseUnderTest.RunProvider == HeyHo.Api.Data.DatabaseProvider.Postgres) ? 0 : 1;
        }

        if (args is ["mixed", ..])
        {
            return await HeyHo.Bench.Reliability.MixedLoad.RunAsync(
                seconds: Option(args, "--seconds", 60), extensions: Option(args, "--extensions", 50), log: Console.WriteLine);
        }

        if (args is ["export", ..])
        {
            return await HeyHo.Bench.Reliability.ExportRun.RunAsync(records: Option(args, "--records", 200_000), log: Console.WriteLine);
        }

        // Sync ingest on SQLite and PostgreSQL side by side (docs/performance.md); needs HEYHO_TEST_POSTGRES.
        if (args is ["engines", ..])
        {
            return await EngineComparison.RunAsync(rounds: Option(args, "--rounds", 3), quick: args.Contains("--quick"));
        }

        // Sync p99 alone and during a retention sweep of 100,000 rows (docs/performance.md); PostgreSQL too when HEYHO_TEST_POSTGRES is set.
        if (args is ["retention", ..])
        {
            return await RetentionBench.RunAsync(rounds: Option(args, "--rounds", 3), batchSize: Option(args, "--batch", 1000), quick: args.Contains("--quick"));
        }

        // The insights endpoints over a year of one user's history (docs/performance.md); PostgreSQL too with HEYHO_TEST_POSTGRES.
        if (args is ["insights", ..])
        {
            return await InsightsBench.RunAsync(quick: args.Contains("--quick"));
        }

        // Text search over a year of one user's history (docs/performance.md); PostgreSQL too with HEYHO_TEST_POSTGRES.
        if (args is ["search", ..])
        {
            return await SearchBench.RunAsync(quick: args.Contains("--quick"));
        }

        if (args.Contains("--raw-only"))
        {
            await Scenarios.RawOnly();
            return 0;
        }

        var quick = args.Contains("--quick");
        return await Scenarios.RunAsync(quick);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
