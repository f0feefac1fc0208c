using System.Diagnostics;

namespace Meditron.Cli.Tests.Workers;

/// <summary>A real `meditron worker ROLE` process, its stderr lines kept for the test to wait on.</summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    public static WorkerProcess Start(string role, string dataDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "meditron.dll"), "worker", role, "--data", dataDirectory, "--verbose" })
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var worker = new WorkerProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        worker._process.ErrorDataReceived += (_, e) => worker.Add(e.Data);
        worker._process.OutputDataReceived += (_, e) => worker.Add(e.Data);
        worker._process.Exited += (_, _) => worker._exited.TrySetResult();
        worker._process.Start();
        worker._process.BeginErrorReadLine();
        worker._process.BeginOutputReadLine();
        return worker;
    }

    /// <summary>Waits for a line of the worker's output that contains <paramref name="text"/>.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_lines)
            {
                if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
                {
                    return line;
                }
            }
            if (_process.HasExited)
            {
                break;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The worker did not write '{text}' within {timeout.TotalSeconds} s. Its output:\n{Output}");
    }

    /// <summary>SIGKILL: the process dies at once, holding whatever message it had.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _exited.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGTERM, as Kubernetes stops a pod; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        await _exited.Task.WaitAsync(timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _exited.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
