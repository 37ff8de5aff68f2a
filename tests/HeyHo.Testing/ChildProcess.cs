using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HeyHo.Testing;

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
