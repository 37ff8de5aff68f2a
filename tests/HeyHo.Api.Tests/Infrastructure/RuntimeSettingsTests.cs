using System.Text.Json;
using HeyHo.Testing;

namespace HeyHo.Api.Tests.Infrastructure;

/// <summary>
/// The runtime settings the API's memory and speed figures rest on (docs/performance.md, "The peak working set:
/// workstation GC"; docs/reliability.md §7): pinned, so that dropping one is a decision and not an accident.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void TheBuiltApi_RunsTheWorkstationGc_WithoutDynamicPgo()
    {
        var runtimeConfig = Path.ChangeExtension(ApiProcess.Locate(), ".runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(runtimeConfig));
        var settings = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(settings.GetProperty("System.GC.Server").GetBoolean());
        if (settings.TryGetProperty("System.GC.Concurrent", out var concurrent)) // absent means on, the runtime's default
        {
            Assert.True(concurrent.GetBoolean(), "the background (concurrent) GC is switched off");
        }
        Assert.False(settings.GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }
}
