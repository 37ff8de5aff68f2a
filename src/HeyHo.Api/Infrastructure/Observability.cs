using System.Diagnostics;
using System.Text.Json;
using HeyHo.Api.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

namespace HeyHo.Api.Infrastructure;

/// <summary>Health endpoints, OpenTelemetry metrics at /metrics, and one structured log line per request.</summary>
public static class Observability
{
    public static IServiceCollection AddHeyHoObservability(this IServiceCollection services)
    {
        services.AddSingleton<HeyHoMetrics>();
        services.AddHealthChecks()
            .AddDbContextCheck<HeyHoDbContext>("database", tags: ["ready"], customTestQuery: async (db, ct) =>
                await db.Database.CanConnectAsync(ct) && !(await db.Database.GetPendingMigrationsAsync(ct)).Any());
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(HeyHoMetrics.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    public static void MapHeyHoObservability(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson })
            .ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteJson })
            .ExcludeFromDescription();
        app.MapPrometheusScrapingEndpoint("/metrics").ExcludeFromDescription();
    }

    /// <summary>Logs each request once: route template (never the raw path or query), status, time, trace and user id.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("HeyHo.Requests");
        return app.Use(async (http, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(http);
            }
            finally
            {
                var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unrouted)";
                logger.LogInformation(
                    "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:F1} ms (trace {TraceId}, user {UserId})",
                    http.Request.Method, route, http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                    Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier,
                    http.User.FindFirst(OpenIddict.Abstractions.OpenIddictConstants.Claims.Subject)?.Value ?? "-");
            }
        });
    }

    private static Task WriteJson(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        }));
    }
}
