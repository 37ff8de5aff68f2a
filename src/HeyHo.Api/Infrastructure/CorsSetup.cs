namespace HeyHo.Api.Infrastructure;

public static class CorsSetup
{
    public static IServiceCollection AddHeyHoCors(this IServiceCollection services, IConfiguration configuration)
    {
        var cors = services.AddValidatedOptions<CorsOptions>(configuration, CorsOptions.Section);
        services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .WithOrigins(cors.AllowedOrigins)
            .WithMethods("GET", "POST", "PATCH", "DELETE")
            .WithHeaders("Authorization", "Content-Type")
            .WithExposedHeaders("Retry-After", "Location")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return services;
    }
}
