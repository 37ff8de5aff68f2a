namespace HeyHo.Api.Data;

/// <summary>
/// SQLite allows one writer at a time. Writers queue here, inside the process, instead of racing for the file lock
/// and surfacing "database is locked"; the busy timeout then only has to cover other processes. PostgreSQL takes
/// concurrent writers (row locks), so there the gate lets everyone through at once.
/// </summary>
public sealed class WriteGate(Microsoft.Extensions.Options.IOptions<DatabaseOptions> options) : IDisposable
{
    private static readonly IDisposable Open = new Release(null);

    private readonly SemaphoreSlim? _semaphore = options.Value.Provider == DatabaseProvider.Sqlite ? new(1, 1) : null;
    private readonly TimeSpan _maxWait = TimeSpan.FromMilliseconds(options.Value.WriteQueueTimeoutMs);

    /// <summary>Enters the gate, or returns null when the queue did not move within the configured wait.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken) =>
        _semaphore is null ? Open
        : await _semaphore.WaitAsync(_maxWait, cancellationToken) ? new Release(_semaphore) : null;

    public void Dispose() => _semaphore?.Dispose();

    private sealed class Release(SemaphoreSlim? semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (semaphore is not null && Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
