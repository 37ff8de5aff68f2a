namespace HeyHo.Api.Tests.Harness;

/// <summary>
/// OpenTelemetry listens to meters by name across the whole process, so tests that read exact metric values run
/// alone, not beside other test classes that also count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics (not parallel)";
}
