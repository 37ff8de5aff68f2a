using Mapster;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// The slices' Mapster mappings (their IRegister classes) in one configuration built once at start-up and injected
/// where it is used; Mapster's process-wide GlobalSettings stay untouched.
/// </summary>
public static class Mappings
{
    public static IServiceCollection AddHeyHoMappings(this IServiceCollection services)
    {
        var config = new TypeAdapterConfig();
        config.Scan(typeof(Mappings).Assembly);
        return services.AddSingleton(config);
    }
}
