using Microsoft.Extensions.Logging;

namespace HeyHo.Api.Tests.Harness;

/// <summary>
/// Captures every log line of an API and lets a test wait for lines it expects (the mail sender's "sent", "failed",
/// "given up") on completion sources, instead of sleeping or polling the database.
/// </summary>
public sealed class LogSignal : ILoggerProvider
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly object _lock = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, int Count, TaskCompletionSource Done)> _waiting = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return _lines.ToList();
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> lines containing <paramref name="text"/> were logged in all.</summary>
    public Task WaitForAsync(string text, int count = 1)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiting.Add((line => line.Contains(text, StringComparison.Ordinal), count, done));
            Release();
        }
        return done.Task.WaitAsync(Timeout);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        lock (_lock)
        {
            _lines.Add(line);
            Release();
        }
    }

    private void Release()
    {
        foreach (var waiter in _waiting.Where(w => _lines.Count(w.Match) >= w.Count).ToList())
        {
            _waiting.Remove(waiter);
            waiter.Done.TrySetResult();
        }
    }

    private sealed class Logger(LogSignal signal) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            signal.Add(formatter(state, exception) + (exception is null ? string.Empty : "\n" + exception));
    }
}
