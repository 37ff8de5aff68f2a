using Mapster;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// Mapster's global configuration is process-wide: the slices' IRegister mappings are scanned once, not on every
/// host start (tests start many hosts in parallel, and re-registering while others map is a race).
/// </summary>
public static class Mappings
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        TypeAdapterConfig.GlobalSettings.Scan(typeof(Mappings).Assembly);
        return true;
    });

    public static void RegisterOnce() => _ = Registered.Value;
}
