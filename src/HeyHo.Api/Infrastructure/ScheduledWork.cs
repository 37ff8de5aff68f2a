namespace HeyHo.Api.Infrastructure;

/// <summary>
/// A background service that runs one piece of work each time an interval of the injected clock passes. A failed run
/// is logged by its error class only and retried at the next interval; the token and security-log pruning and the
/// privacy retention sweep are built on it.
/// </summary>
public abstract class ScheduledWork : BackgroundService
{
    protected ScheduledWork(TimeProvider clock, ILogger logger) => (Clock, Logger) = (clock, logger);

    protected TimeProvider Clock { get; }

    protected ILogger Logger { get; }

    /// <summary>What the log calls the work ("Token pruning").</summary>
    protected abstract string Name { get; }

    protected abstract TimeSpan Interval { get; }

    protected virtual bool Enabled => true;

    protected abstract Task RunAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Logger.LogWarning("{Work} failed ({Error}); retrying at the next interval", Name, e.GetType().Name);
            }
        }
    }
}
