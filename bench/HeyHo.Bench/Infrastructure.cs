using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace HeyHo.Bench;

internal sealed record LoadResult(int Requests, int Errors, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double Rate => Requests / Elapsed.TotalSeconds;

    public double P(double quantile)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }
        var sorted = LatenciesMs.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

internal static class Load
{
    /// <summary>Sends requests 0..count-1 from <paramref name="concurrency"/> workers; non-2xx answers count as errors.</summary>
    public static async Task<LoadResult> RunCountAsync(HttpClient http, int concurrency, Func<int, Task<HttpResponseMessage>> send, int count = 0)
    {
        count = count == 0 ? concurrency : count;
        var next = -1;
        var errors = 0;
        var latencies = new double[count];
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var watch = Stopwatch.StartNew();
                using var response = await send(i);
                await response.Content.LoadIntoBufferAsync();
                latencies[i] = watch.Elapsed.TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return new LoadResult(count, errors, total.Elapsed, latencies);
    }

    /// <summary>Keeps <paramref name="concurrency"/> requests in flight for a fixed time.</summary>
    public static async Task<LoadResult> RunForAsync(HttpClient http, int concurrency, TimeSpan duration, Func<Task<HttpResponseMessage>> send)
    {
        var errors = 0;
        var latencies = new List<double>[concurrency];
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
        {
            latencies[w] = [];
            while (total.Elapsed < duration)
            {
                var watch = Stopwatch.StartNew();
                using var response = await send();
                await response.Content.LoadIntoBufferAsync();
                latencies[w].Add(watch.Elapsed.TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var all = latencies.SelectMany(l => l).ToArray();
        return new LoadResult(all.Length, errors, total.Elapsed, all);
    }
}

internal static class Users
{
    public const string Password = "bench password 123";

    public static async Task<string> SignInAsync(HttpClient http, string name)
    {
        var email = $"{name}@bench.example";
        using var register = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password });
        using var login = await PasswordGrant(http, email, Password);
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
    }

    public static async Task<double> TimeFailedLoginAsync(HttpClient http, string email, string password)
    {
        var watch = Stopwatch.StartNew();
        using var response = await PasswordGrant(http, email, password);
        await response.Content.LoadIntoBufferAsync();
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            throw new InvalidOperationException($"expected invalid_grant, got {(int)response.StatusCode}");
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    public static Task<HttpResponseMessage> PasswordGrant(HttpClient http, string email, string password) =>
        http.PostAsync("/api/v1/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = email, ["password"] = password,
            ["client_id"] = "heyho-extension", ["scope"] = "offline_access",
        }));
}

/// <summary>A child process on a free loopback port, killed on dispose.</summary>
internal class ChildProcess : IDisposable
{
    private readonly Process _process;

    protected ChildProcess(string arguments, IDictionary<string, string> environment, string readyPath)
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        ReadyPath = readyPath;
        var start = new ProcessStartInfo("dotnet", $"{arguments} --urls {BaseAddress}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start dotnet {arguments}");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[child] {e.Data}"); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    private string ReadyPath { get; }

    public int Pid => _process.Id;

    public async Task WaitUntilReadyAsync(HttpClient http)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, ReadyPath));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{BaseAddress} did not start");
    }

    /// <summary>Peak resident set size of the process so far (Linux VmHWM).</summary>
    public double PeakWorkingSetMb()
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal sealed class ApiProcess : ChildProcess
{
    private ApiProcess(string dll, string work) : base($"\"{dll}\" --contentRoot \"{Path.GetDirectoryName(dll)}\"", new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__HeyHo"] = $"Data Source={Path.Combine(work, "api.db")}",
        ["Certificates__DevelopmentDirectory"] = Path.Combine(work, "certs"),
        ["Logging__LogLevel__Default"] = "Warning",
        ["DOTNET_gcServer"] = Environment.GetEnvironmentVariable("DOTNET_gcServer") ?? "",
        // The bench measures the server's work, not its rate limits: the login flood must reach the password hasher.
        ["RateLimits__PasswordGrantsPerUsername__PermitLimit"] = "1000000",
        ["RateLimits__PasswordGrantsPerIp__PermitLimit"] = "1000000",
        ["RateLimits__RegistrationsPerIp__PermitLimit"] = "1000000",
        ["RateLimits__SyncsPerUser__PermitLimit"] = "1000000",
    }, "/api/v1/data/limits")
    {
    }

    public static ApiProcess Start(string work) => new(Locate(), work);

    /// <summary>The API as built by this project's reference, in this configuration.</summary>
    private static string Locate()
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

internal sealed class BareProcess : ChildProcess
{
    private BareProcess() : base($"\"{typeof(BareProcess).Assembly.Location}\" --bare-server", new Dictionary<string, string>(), "/constant")
    {
    }

    public static BareProcess Start() => new();
}

internal static class Machine
{
    public static string Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim();
        var memory = File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return $"machine: {Environment.ProcessorCount} cores, {cpu}, {long.Parse(memory, CultureInfo.InvariantCulture) / 1024 / 1024} GiB, " +
               $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
