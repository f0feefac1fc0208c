using System.Diagnostics;

namespace Meditron.Benchmarks;

/// <summary>`dotnet meditron.dll ARGS` as a child process with extra environment; its output is drained, never shown, so a full pipe cannot block it.</summary>
internal static class MeditronChild
{
    public static Process Start(string meditronDll, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(meditronDll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
