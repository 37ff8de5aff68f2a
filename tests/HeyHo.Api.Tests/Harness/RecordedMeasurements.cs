using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace HeyHo.Api.Tests.Harness;

/// <summary>
/// Completes once one API's instrument has recorded <c>count</c> measurements (carrying <c>tag</c>, when given):
/// a test waits on the event instead of sleeping. Only that API's meters are heard, not those of other hosts.
/// </summary>
public sealed class RecordedMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly KeyValuePair<string, object?>? _tag;
    private int _left;

    public RecordedMeasurements(IServiceProvider services, string instrument, int count = 1, KeyValuePair<string, object?>? tag = null)
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        _tag = tag;
        _left = count;
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Scope == meters && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) => Seen(tags));
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) => Seen(tags));
        _listener.Start();
    }

    /// <summary>Fails after 30 s rather than hanging the run when the measurements never come.</summary>
    public Task Recorded => _done.Task.WaitAsync(TimeSpan.FromSeconds(30));

    public void Dispose() => _listener.Dispose();

    private void Seen(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_tag is { } wanted && !Carries(tags, wanted))
        {
            return;
        }
        if (Interlocked.Decrement(ref _left) == 0)
        {
            _done.TrySetResult();
        }
    }

    private static bool Carries(ReadOnlySpan<KeyValuePair<string, object?>> tags, KeyValuePair<string, object?> wanted)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == wanted.Key && Equals(tag.Value, wanted.Value))
            {
                return true;
            }
        }
        return false;
    }
}
