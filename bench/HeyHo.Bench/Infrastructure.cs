using System.Diagnostics;
using System.Globalization;

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
