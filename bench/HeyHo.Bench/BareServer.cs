namespace HeyHo.Bench;

/// <summary>The HTTP ceiling: a bare ASP.NET Core endpoint that returns a constant, in its own process.</summary>
internal static class BareServer
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var body = """{"items":[],"nextCursor":null}"""u8.ToArray();
        app.MapGet("/constant", () => Results.Bytes(body, "application/json"));
        await app.RunAsync();
    }
}
