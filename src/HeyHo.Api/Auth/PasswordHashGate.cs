using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Auth;

/// <summary>
/// Password hashing is deliberately slow (PBKDF2, 210,000 iterations). This bounds how many hashes run at once,
/// so a flood of login attempts queues here – briefly, then 429 – instead of taking every core from sync and reads.
/// </summary>
public sealed class PasswordHashGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _maxWait;

    public PasswordHashGate(IOptions<AuthOptions> options)
    {
        var auth = options.Value;
        Slots = auth.MaxConcurrentPasswordHashes > 0 ? auth.MaxConcurrentPasswordHashes : Math.Max(1, Environment.ProcessorCount / 2);
        _slots = new SemaphoreSlim(Slots, Slots);
        _maxWait = auth.PasswordHashQueueTimeout;
    }

    public int Slots { get; }

    /// <summary>Takes a hashing slot, or returns null when none frees up within the configured wait.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken) =>
        await _slots.WaitAsync(_maxWait, cancellationToken) ? new Slot(_slots) : null;

    /// <summary>The answer when no slot was free: 429 with Retry-After, as for the rate limits.</summary>
    public static ProblemHttpResult Busy(HttpResponse response)
    {
        response.Headers.RetryAfter = "1";
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many password checks at once; retry shortly.");
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
