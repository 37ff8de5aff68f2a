using Carter;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace HeyHo.Api.Features.Sync;

public sealed class SyncModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/data/limits", GetLimits.Handle).WithTags("Sync").AllowAnonymous();

        var data = app.MapGroup("/api/v1/data").WithTags("Sync").RequireAuthorization();
        data.MapPost("/sync", SyncBatch.Handle)
            .RequireRateLimiting(RateLimitPolicies.Syncs)
            .Accepts<SyncBatchRequest>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(SyncLimits.MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        data.MapGet("/page-visits", ListPageVisits.Handle);
        data.MapDelete("/page-visits", DeletePageVisits.Handle).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        data.MapDelete("/page-visits/{id}", DeletePageVisit.Handle)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        data.MapGet("/tab-aggregates", ListTabAggregates.Endpoint.Handle);
        data.MapDelete("/tab-aggregates", DeleteTabAggregates.Handle).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        data.MapGet("/syncs", ListSyncs.Handle);
        data.MapGet("/status", GetSyncStatus.Handle);
    }
}
