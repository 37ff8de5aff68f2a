namespace HeyHo.Api.Features.Insights;

public static class InsightsSetup
{
    public static IServiceCollection AddHeyHoInsights(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<InsightsOptions>(configuration, InsightsOptions.Section);
        return services;
    }
}
