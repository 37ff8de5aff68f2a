using System.Collections.Concurrent;
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

    /// <summary>Registers (unless <paramref name="registeredEmail"/> is given) and logs in; returns the access token.</summary>
    public static async Task<string> SignInAsync(HttpClient http, string name, string? registeredEmail = null)
    {
        var email = registeredEmail ?? $"{name}@bench.example";
        if (registeredEmail is null)
        {
            using var register = await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password });
        }
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

/// <summary>A child process on a loopback port, killed on dispose; it can be killed (SIGKILL) and started again.</summary>
public class ChildProcess : IDisposable
{
    private const int OutputTail = 40;

    private readonly ProcessStartInfo _start;
    private readonly ConcurrentQueue<string> _output = new();
    private Process _process;

    protected ChildProcess(string arguments, IDictionary<string, string> environment, string readyPath)
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        ReadyPath = readyPath;
        _start = new ProcessStartInfo("dotnet", $"{arguments} --urls {BaseAddress}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            _start.Environment[key] = value;
        }
        _process = Launch();
    }

    public Uri BaseAddress { get; }

    private string ReadyPath { get; }

    public int Pid => _process.Id;

    /// <summary>SIGKILL: no shutdown, no flush, as a crash or power loss would leave it.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }

    public void Restart() => _process = Launch();

    /// <summary>Polls the ready path; fails at once, with the child's last output, if the child has exited.</summary>
    public async Task WaitUntilReadyAsync(HttpClient http)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{BaseAddress} exited with code {_process.ExitCode} before it was ready. Last output:\n{Tail()}");
            }
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
        throw new TimeoutException($"{BaseAddress} was not ready within 600 polls. Last output:\n{Tail()}");
    }

    /// <summary>Peak resident set size of the process so far (Linux VmHWM).</summary>
    public double PeakWorkingSetMb() => StatusMb("VmHWM:");

    /// <summary>Current resident set size (Linux VmRSS).</summary>
    public double WorkingSetMb() => StatusMb("VmRSS:");

    private double StatusMb(string field)
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
            _process.Dispose();
        }
        catch (InvalidOperationException)
        {
            // already killed and not restarted
        }
        GC.SuppressFinalize(this);
    }

    private Process Launch()
    {
        var process = Process.Start(_start) ?? throw new InvalidOperationException($"could not start {_start.Arguments}");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[child] {e.Data}");
                Keep(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > OutputTail && _output.TryDequeue(out _))
        {
        }
    }

    private string Tail() => string.Join('\n', _output);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The real API (as built by this project's reference) on loopback, over a SQLite file in a work folder.</summary>
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
