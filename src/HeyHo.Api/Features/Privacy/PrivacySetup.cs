namespace HeyHo.Api.Features.Privacy;

public static class PrivacySetup
{
    public static IServiceCollection AddHeyHoPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PrivacyOptions>(configuration, PrivacyOptions.Section);
        services.AddSingleton<RetentionSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionSweep>());
        return services;
    }
}
