using System.CommandLine;
using System.Globalization;
using Meditron.Cli.Hosting;
using Meditron.Cli.Output;
using Meditron.Core.Options;
using Meditron.Generation.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Meditron.Cli.Commands;

/// <summary>`meditron models list|pull|verify`: the Meditron GGUF builds, downloaded into {data}/models.</summary>
internal static class ModelsCommand
{
    public const int ExitVerifyFailed = 2;

    public static Command Create()
    {
        var models = new Command("models", "List, download and verify Meditron GGUF models.");
        models.Subcommands.Add(List());
        models.Subcommands.Add(Pull());
        models.Subcommands.Add(Verify());
        return models;
    }

    private static Option<string?> ModelsDirectory() => new("--models-dir")
    {
        Description = "Models directory (default: {data}/models).",
        HelpName = "DIR",
    };

    private static Argument<string> Name() => new("NAME") { Description = "Model name, as `meditron models list` shows it." };

    private static Command List()
    {
        var modelsDir = ModelsDirectory();
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("list", "List known models and whether each is downloaded.") { modelsDir, data, json, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken);
            var downloader = host.Services.GetRequiredService<ModelDownloader>();
            string directory = Directory(host, parse.GetValue(modelsDir));
            var local = await downloader.ListAsync(directory, cancellationToken);
            var entries = local.Select(m => new ModelListEntry(
                m.Model.Name, m.Model.Repository, m.Model.File, m.Model.ContextLength, m.Model.PromptFormat,
                m.Model.ApproximateBytes, m.Model.IsDownloadable, m.Present, m.Path, m.Bytes, m.Model.Description, m.Model.Note)).ToList();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new ModelListReport(directory, entries));
                return 0;
            }
            foreach (var e in entries)
            {
                string state = e.Present ? "downloaded" : e.Downloadable ? "not downloaded" : "no GGUF published";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{e.Name,-14} {state,-18} ~{e.ApproximateBytes / 1e9:0.0} GB  ctx {e.ContextLength,-6} {e.PromptFormat,-10} {(e.File is null ? e.Repository : $"{e.Repository}/{e.File}")}"));
            }
            return 0;
        });
        return command;
    }

    private static Command Pull()
    {
        var name = Name();
        var modelsDir = ModelsDirectory();
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("pull", "Download a model (resumable) and verify its sha256 against the hub's.") { name, modelsDir, data, json, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken);
            var downloader = host.Services.GetRequiredService<ModelDownloader>();
            string directory = Directory(host, parse.GetValue(modelsDir));
            string model = parse.GetValue(name)!;
            PullResult result;
            try
            {
                result = await downloader.PullAsync(model, directory, new StderrProgress(model), cancellationToken);
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or ModelIntegrityException or HttpRequestException or IOException)
            {
                await Console.Error.WriteLineAsync();
                await Console.Error.WriteLineAsync($"pull {model}: {e.Message}");
                return 1;
            }
            await Console.Error.WriteLineAsync();
            var report = new ModelPullReport(result.Model.Name, result.Path, result.Bytes, result.Sha256, result.AlreadyPresent, result.ResumedFromBytes, result.Attempts);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(report);
            }
            else
            {
                Console.WriteLine(result.AlreadyPresent
                    ? $"{result.Model.Name} is already downloaded and verified: {result.Path}"
                    : $"{result.Model.Name} downloaded and verified (sha256 {result.Sha256}): {result.Path}");
            }
            return 0;
        });
        return command;
    }

    private static Command Verify()
    {
        var name = Name();
        var modelsDir = ModelsDirectory();
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("verify", "Re-hash a downloaded model against the sha256 recorded at pull time (or the hub's).") { name, modelsDir, data, json, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken);
            var downloader = host.Services.GetRequiredService<ModelDownloader>();
            string directory = Directory(host, parse.GetValue(modelsDir));
            string model = parse.GetValue(name)!;
            VerifyResult result;
            try
            {
                result = await downloader.VerifyAsync(model, directory, cancellationToken);
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FileNotFoundException or HttpRequestException)
            {
                await Console.Error.WriteLineAsync($"verify {model}: {e.Message}");
                return 1;
            }
            if (parse.GetValue(json))
            {
                JsonOutput.Write(new ModelVerifyReport(result.Model.Name, result.Path, result.Ok, result.Expected, result.Actual, result.Source));
            }
            else
            {
                Console.WriteLine(result.Ok
                    ? $"{result.Model.Name}: ok (sha256 {result.Actual}, checked against the {result.Source})"
                    : $"{result.Model.Name}: CORRUPT, sha256 mismatch: expected {result.Expected}, got {result.Actual} (expected hash from the {result.Source})");
            }
            return result.Ok ? 0 : ExitVerifyFailed;
        });
        return command;
    }

    private static string Directory(IHost host, string? flag) =>
        Path.GetFullPath(flag ?? Path.Combine(host.Services.GetRequiredService<IOptions<DataOptions>>().Value.Directory, "models"));

    /// <summary>One line on stderr, rewritten in place on a terminal, about once a percent otherwise.</summary>
    private sealed class StderrProgress(string model) : IProgress<(long Done, long Total)>
    {
        private int _lastPercent = -1;

        public void Report((long Done, long Total) value)
        {
            int percent = value.Total > 0 ? (int)(value.Done * 100 / value.Total) : 0;
            if (percent == _lastPercent)
            {
                return;
            }
            _lastPercent = percent;
            string line = string.Create(CultureInfo.InvariantCulture,
                $"{model}: {value.Done / 1048576.0:0.0} / {value.Total / 1048576.0:0.0} MiB ({percent}%)");
            if (Console.IsErrorRedirected)
            {
                if (percent % 10 == 0)
                {
                    Console.Error.WriteLine(line);
                }
            }
            else
            {
                Console.Error.Write("\r" + line);
            }
        }
    }
}

internal sealed record ModelListEntry(
    string Name, string Repository, string? File, int ContextLength, string PromptFormat, long ApproximateBytes,
    bool Downloadable, bool Present, string? Path, long? Bytes, string Description, string? Note);

internal sealed record ModelListReport(string ModelsDirectory, IReadOnlyList<ModelListEntry> Models);

internal sealed record ModelPullReport(string Name, string Path, long Bytes, string Sha256, bool AlreadyPresent, long ResumedFromBytes, int Attempts);

internal sealed record ModelVerifyReport(string Name, string Path, bool Ok, string Expected, string Actual, string Source);
