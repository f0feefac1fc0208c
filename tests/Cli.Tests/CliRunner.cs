using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meditron.Cli.Tests;

/// <summary>Runs the built `meditron` executable as a separate process, as an operator or a script would.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        [JsonIgnore]
        public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;
    }

    public static Task<Result> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    public static Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(environment, onStderrLine: null, args);

    /// <summary>Runs the CLI; <paramref name="onStderrLine"/> sees each stderr line as it is written (progress).</summary>
    public static Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, Action<string>? onStderrLine, params string[] args) =>
        RunProcessAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "meditron.dll"), .. args], environment, onStderrLine);

    /// <summary>Runs any program (the installed `meditron` command, `dotnet run`) the same way.</summary>
    public static async Task<Result> RunProcessAsync(
        string program,
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<string>? onStderrLine = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = ReadLinesAsync(process.StandardError, onStderrLine);
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    private static async Task<string> ReadLinesAsync(StreamReader reader, Action<string>? onLine)
    {
        var text = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            text.Append(line).Append('\n');
            onLine?.Invoke(line);
        }
        return text.ToString();
    }
}
