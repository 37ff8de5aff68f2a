namespace HeyHo.Api.Infrastructure.Security;

public static class SecurityLogSetup
{
    public static IServiceCollection AddHeyHoSecurityLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SecurityLogOptions>(configuration, SecurityLogOptions.Section);
        services.AddScoped<SecurityLog>();
        services.AddSingleton<SecurityLogPruning>();
        services.AddHostedService(sp => sp.GetRequiredService<SecurityLogPruning>());
        return services;
    }
}
