using HeyHo.Bench;

// One command runs every scenario; see docs/performance.md.
//   dotnet run -c Release --project bench/HeyHo.Bench [-- --quick]
// Internal: "--bare-server --urls <url>" serves the constant endpoint used as the HTTP ceiling.
if (args is ["--bare-server", .. var rest])
{
    await BareServer.RunAsync(rest);
    return 0;
}

if (args.Contains("--raw-only"))
{
    Scenarios.RawOnly();
    return 0;
}

var quick = args.Contains("--quick");
return await Scenarios.RunAsync(quick);
