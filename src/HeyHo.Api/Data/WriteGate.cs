namespace HeyHo.Api.Data;

/// <summary>
/// SQLite allows one writer at a time. Writers queue here, inside the process, instead of racing for the file lock
/// and surfacing "database is locked"; the busy timeout then only has to cover other processes.
/// </summary>
public sealed class WriteGate(Microsoft.Extensions.Options.IOptions<DatabaseOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private readonly TimeSpan _maxWait = TimeSpan.FromMilliseconds(options.Value.WriteQueueTimeoutMs);

    /// <summary>Enters the gate, or returns null when the queue did not move within the configured wait.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken) =>
        await _semaphore.WaitAsync(_maxWait, cancellationToken) ? new Release(_semaphore) : null;

    public void Dispose() => _semaphore.Dispose();

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
