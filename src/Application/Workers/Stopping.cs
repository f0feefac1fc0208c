namespace Meditron.Application.Workers;

internal static class Stopping
{
    /// <summary>Completes when the host stops (SIGTERM, Ctrl+C): the workers' messages arrive on the transport's threads meanwhile.</summary>
    public static async Task UntilStoppedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the normal end of a worker.
        }
    }
}
