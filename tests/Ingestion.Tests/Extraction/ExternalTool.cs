using System.Diagnostics;

namespace Meditron.Ingestion.Tests.Extraction;

/// <summary>Runs command-line tools the tests use to prepare inputs or as a reference (pdftoppm, qpdf, pdftotext).</summary>
internal static class ExternalTool
{
    public static bool Exists(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, name)));

    public static void Run(string name, params string[] arguments) => _ = Output(name, arguments);

    /// <summary>Runs the tool and returns what it wrote to standard output.</summary>
    public static string Output(string name, params string[] arguments)
    {
        var info = new ProcessStartInfo(name) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var errorTask = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        var error = errorTask.GetAwaiter().GetResult();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{name} failed: {error}");
        return output;
    }
}
