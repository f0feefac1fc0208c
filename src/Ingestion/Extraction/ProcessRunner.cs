using System.ComponentModel;
using System.Diagnostics;

namespace Meditron.Ingestion.Extraction;

/// <summary>The outcome of running an external tool.</summary>
internal enum ProcessOutcome
{
    Completed,
    Missing,
    TimedOut,
}

/// <summary>Runs an external tool with a timeout, killing its whole process tree when it overruns.</summary>
internal static class ProcessRunner
{
    /// <param name="environment">Variables set for the tool on top of this process's environment.</param>
    public static (ProcessOutcome Outcome, int ExitCode, string StandardOutput) Run(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return (ProcessOutcome.Missing, -1, string.Empty);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var kill = cancellationToken.Register(() => KillTree(process));
        if (!process.WaitForExit(timeout))
        {
            KillTree(process);
            return (ProcessOutcome.TimedOut, -1, string.Empty);
        }

        process.WaitForExit(); // drains the redirected streams
        cancellationToken.ThrowIfCancellationRequested();
        _ = stderr.Result;
        return (ProcessOutcome.Completed, process.ExitCode, stdout.Result);
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }
}
