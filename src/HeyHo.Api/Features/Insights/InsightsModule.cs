using Carter;

namespace HeyHo.Api.Features.Insights;

public sealed class InsightsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var insights = app.MapGroup("/api/v1/insights").WithTags("Insights").RequireAuthorization();
        insights.MapGet("/summary", GetSummary.Handle);
        insights.MapGet("/domains", GetDomains.Handle);
        insights.MapGet("/daily", GetDaily.Handle);
        insights.MapGet("/hours", GetHours.Handle);
        insights.MapGet("/recent", GetRecent.Handle);
    }
}
