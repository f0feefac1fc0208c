using System.Diagnostics;

namespace Meditron.Cli.Tests;

/// <summary>
/// A long-running `meditron` process (`worker ROLE`, `serve`), its stdout and stderr lines kept for the test to wait on.
/// Disposing kills it if it is still running, so a failed test leaves nothing behind.
/// </summary>
internal sealed class MeditronProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _name;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MeditronProcess(Process process, string name)
    {
        _process = process;
        _name = name;
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

    /// <summary>`meditron worker ROLE --data DIR --verbose`.</summary>
    public static MeditronProcess StartWorker(string role, string dataDirectory, IReadOnlyDictionary<string, string> environment) =>
        Start(["worker", role, "--data", dataDirectory, "--verbose"], environment);

    /// <summary>The built CLI (`dotnet meditron.dll ARGS`) with these environment variables on top of the test's own.</summary>
    public static MeditronProcess Start(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "meditron.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        string command = string.Join(' ', args.TakeWhile(a => !a.StartsWith('-'))); // "worker ingestion", "serve"
        var meditron = new MeditronProcess(new Process { StartInfo = start, EnableRaisingEvents = true }, command);
        meditron._process.ErrorDataReceived += (_, e) => meditron.Add(e.Data);
        meditron._process.OutputDataReceived += (_, e) => meditron.Add(e.Data);
        meditron._process.Exited += (_, _) => meditron._exited.TrySetResult();
        meditron._process.Start();
        meditron._process.BeginErrorReadLine();
        meditron._process.BeginOutputReadLine();
        return meditron;
    }

    /// <summary>Waits for a line of the process's output that contains <paramref name="text"/>.</summary>
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
        throw new TimeoutException($"meditron {_name} did not write '{text}' within {timeout.TotalSeconds} s. Its output:\n{Output}");
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
