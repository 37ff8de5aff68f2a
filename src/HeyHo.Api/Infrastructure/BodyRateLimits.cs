using System.Globalization;
using System.Threading.RateLimiting;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// Limits per a value the client sends in the body (an email address). ASP.NET Core's rate limiter picks a request's
/// partition before the body is read, so it can limit per address or user but not per such a value; this counts after
/// binding, in an endpoint filter, with the same fixed windows and the same 429 + Retry-After answer. Per node, like the
/// other limits.
/// </summary>
public static class BodyRateLimits
{
    public static IServiceCollection AddBodyRateLimit(this IServiceCollection services, string name, RateLimitOptions.WindowLimit limit) =>
        services.AddKeyedSingleton(name, (_, _) => new BodyRateLimiter(limit));

    /// <summary>Counts each request against the partition <paramref name="key"/> picks from its bound body (null: not counted).</summary>
    public static RouteHandlerBuilder RequireRateLimitingPer<TRequest>(this RouteHandlerBuilder builder, string name, Func<TRequest, string?> key) =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var limiter = factory.ApplicationServices.GetRequiredKeyedService<BodyRateLimiter>(name);
            var position = Array.FindIndex(factory.MethodInfo.GetParameters(), p => p.ParameterType == typeof(TRequest));
            if (position < 0)
            {
                throw new InvalidOperationException($"{factory.MethodInfo.Name} takes no {typeof(TRequest).Name} to limit by.");
            }
            return async context =>
            {
                if (context.Arguments[position] is TRequest request && !limiter.TryAcquire(key(request), out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter =
                        Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                    return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many requests; retry after the time in Retry-After.");
                }
                return await next(context);
            };
        }).ProducesProblem(StatusCodes.Status429TooManyRequests);

    public sealed class BodyRateLimiter(RateLimitOptions.WindowLimit limit) : IDisposable
    {
        public PartitionedRateLimiter<string> Limiter { get; } = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = limit.Window,
                QueueLimit = 0,
            }));

        /// <summary>Counts one request against <paramref name="key"/>'s window (null: not counted); false, and how long to wait, when it is full.</summary>
        public bool TryAcquire(string? key, out TimeSpan retryAfter)
        {
            retryAfter = TimeSpan.Zero;
            if (key is null)
            {
                return true;
            }
            using var lease = Limiter.AttemptAcquire(key);
            retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            return lease.IsAcquired;
        }

        public void Dispose() => Limiter.Dispose();
    }
}
