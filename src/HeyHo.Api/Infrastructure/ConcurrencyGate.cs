namespace HeyHo.Api.Infrastructure;

/// <summary>
/// A bounded queue in front of scarce work: at most <c>slots</c> callers hold a lease at once and the others wait up to
/// <c>maxWait</c> for one. Without a slot count the gate is open: everyone passes at once.
/// </summary>
public abstract class ConcurrencyGate : IDisposable
{
    private readonly SemaphoreSlim? _slots;
    private readonly TimeSpan _maxWait;

    protected ConcurrencyGate(int? slots, TimeSpan maxWait)
    {
        _slots = slots is { } count ? new SemaphoreSlim(count, count) : null;
        _maxWait = maxWait;
    }

    /// <summary>A lease to dispose when done, or null when no slot freed up within the wait.</summary>
    public async Task<Lease?> EnterAsync(CancellationToken cancellationToken) =>
        _slots is null ? Lease.Open
        : await _slots.WaitAsync(_maxWait, cancellationToken) ? new Lease(_slots) : null;

    public void Dispose()
    {
        _slots?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Gives its slot back once, however often it is disposed.</summary>
    public sealed class Lease : IDisposable
    {
        internal static readonly Lease Open = new(null);

        private SemaphoreSlim? _slots;

        internal Lease(SemaphoreSlim? slots) => _slots = slots;

        public void Dispose() => Interlocked.Exchange(ref _slots, null)?.Release();
    }
}
