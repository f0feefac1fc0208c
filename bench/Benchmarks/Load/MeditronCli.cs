using System.Diagnostics;

namespace Meditron.Benchmarks.Load;

/// <summary>Runs `dotnet MEDITRON_DLL ARGS...` to completion: the CLI as shipped, for the steps before the load (keys).</summary>
internal static class MeditronCli
{
    /// <summary>The command's stdout; throws with its stderr when it exits non-zero.</summary>
    public static async Task<string> RunAsync(string meditronDll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(meditronDll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"meditron {string.Join(' ', args)} exited with {process.ExitCode}: {(await stderr).Trim()}");
        }
        return await stdout;
    }

    /// <summary>`meditron keys create --name NAME --scopes ask`: the key is the last line of stdout.</summary>
    public static async Task<string> CreateAskKeyAsync(string meditronDll, string data, string name)
    {
        string stdout = await RunAsync(meditronDll, "keys", "create", "--name", name, "--scopes", "ask", "--data", data);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
    }
}
