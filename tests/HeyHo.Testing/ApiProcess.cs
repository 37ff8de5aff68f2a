namespace HeyHo.Testing;

/// <summary>The real API (as built beside the calling test or bench assembly) on loopback, over a SQLite file in a work folder unless told otherwise.</summary>
public sealed class ApiProcess : ChildProcess
{
    private ApiProcess(string dll, string work, IDictionary<string, string>? settings) : base(
        $"\"{dll}\" --contentRoot \"{Path.GetDirectoryName(dll)}\"", Environment(work, settings), "/health/ready")
    {
        DatabasePath = Path.Combine(work, "api.db");
    }

    public string DatabasePath { get; }

    public static ApiProcess Start(string work, IDictionary<string, string>? settings = null) => new(Locate(), work, settings);

    private static Dictionary<string, string> Environment(string work, IDictionary<string, string>? settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__HeyHo"] = $"Data Source={Path.Combine(work, "api.db")}",
            ["Certificates__DevelopmentDirectory"] = Path.Combine(work, "certs"),
            ["Mail__PickupDirectory"] = Path.Combine(work, "mail"),
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = System.Environment.GetEnvironmentVariable("DOTNET_gcServer") ?? "",
            // Load runs measure the server's work, not its rate limits: floods must reach the password hasher.
            ["RateLimits__PasswordGrantsPerUsername__PermitLimit"] = "1000000",
            ["RateLimits__PasswordGrantsPerIp__PermitLimit"] = "1000000",
            ["RateLimits__RegistrationsPerIp__PermitLimit"] = "1000000",
            ["RateLimits__SyncsPerUser__PermitLimit"] = "1000000",
        };
        foreach (var key in System.Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("DOTNET_GC", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_Tiered", StringComparison.OrdinalIgnoreCase)))
        {
            environment[key] = System.Environment.GetEnvironmentVariable(key)!; // GC and JIT experiments reach the server
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        return environment;
    }

    /// <summary>The API as built beside this assembly's configuration (Release for the bench, Debug for tests).</summary>
    public static string Locate()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HeyHo.sln")))
        {
            dir = dir.Parent;
        }
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("HeyHo.sln not found"),
            "src", "HeyHo.Api", "bin", configuration, "net10.0", "HeyHo.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the API first", dll);
    }
}
