using Microsoft.Extensions.Hosting;

namespace Meditron.Cli.Hosting;

/// <summary>The long-running commands (`serve`, `worker`): run the started host until SIGTERM or Ctrl+C cancels the command, then stop it gracefully.</summary>
internal static class UntilStopped
{
    public static async Task RunAsync(IHost host, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM or Ctrl+C: the host's services finish or hand back what they hold (Workers:StopTimeoutSeconds).
        }
        await host.StopAsync(CancellationToken.None);
    }
}
