using System.Diagnostics;
using System.Threading.RateLimiting;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.RateLimiting;
using OpenIddict.Abstractions;

namespace HeyHo.Api.Auth;

/// <summary>
/// The token endpoint's rate-limit policy: a password grant must pass two fixed windows, one per username (guesses at
/// one account) and one per client address (guesses across accounts); refresh grants pass freely. OpenIddict has
/// parsed the request during authentication, before the limiter runs, so the grant type and username are known. The web
/// sign-in page takes its permits from the same windows (<see cref="TryAcquire"/>): guesses count wherever they come in.
/// </summary>
public sealed class PasswordGrantRateLimit(RateLimitOptions limits) : IRateLimiterPolicy<PasswordGrantRateLimit.Sender>
{
    // The windows are shared by every (address, username) pair: one per address, one per username.
    private readonly PartitionedRateLimiter<Sender> _windows = PartitionedRateLimiter.CreateChained(
        PartitionedRateLimiter.Create<Sender, string>(sender => RateLimits.FixedWindow(limits.PasswordGrantsPerIp, sender.Ip)),
        PartitionedRateLimiter.Create<Sender, string>(sender => RateLimits.FixedWindow(limits.PasswordGrantsPerUsername, sender.Username)));

    public readonly record struct Sender(string Ip, string Username);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    /// <summary>One password attempt of <paramref name="username"/> from the request's address; false (and how long to wait) when over a limit.</summary>
    public bool TryAcquire(HttpContext http, string? username, out TimeSpan retryAfter)
    {
        using var lease = _windows.AttemptAcquire(new Sender(RateLimits.ClientIp(http), username?.Trim().ToUpperInvariant() ?? string.Empty));
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return lease.IsAcquired;
    }

    public RateLimitPartition<Sender> GetPartition(HttpContext httpContext) =>
        httpContext.GetOpenIddictServerRequest() is { } request && request.IsPasswordGrantType()
            ? RateLimitPartition.Get(
                new Sender(RateLimits.ClientIp(httpContext), request.Username?.Trim().ToUpperInvariant() ?? string.Empty),
                sender => new SenderLimiter(_windows, sender))
            : RateLimitPartition.GetNoLimiter(default(Sender));

    /// <summary>The rate-limiting middleware keeps one limiter per partition; this one takes its permits from the shared windows.</summary>
    private sealed class SenderLimiter(PartitionedRateLimiter<Sender> windows, Sender sender) : RateLimiter
    {
        private long _lastUsed = Stopwatch.GetTimestamp();

        public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

        public override RateLimiterStatistics? GetStatistics() => windows.GetStatistics(sender);

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
            return windows.AttemptAcquire(sender, permitCount);
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
            return windows.AcquireAsync(sender, permitCount, cancellationToken);
        }
    }
}
