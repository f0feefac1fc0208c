using System.CommandLine;
using System.Globalization;
using Meditron.Application.Syncing;
using Meditron.Cli.Hosting;
using Meditron.Cli.Output;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Cli.Commands;

/// <summary>`meditron sync SOURCES`: fetch each listed guideline and ingest what is new (the update job).</summary>
internal static class SyncCommand
{
    public static Command Create()
    {
        var sources = new Argument<string>("SOURCES") { Description = "A MANIFEST.tsv with one more column, 'source': the https:// URL or local path of each guideline PDF." };
        var allowHttp = new Option<bool>("--allow-http") { Description = "Also fetch plain http:// URLs of other hosts (Sync:AllowHttp); loopback is always allowed." };
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();

        var command = new Command("sync", "Fetch the guidelines listed in SOURCES (conditional requests, resumed downloads) and ingest new editions: in process, or queued for the ingestion workers with Messaging:Transport=RabbitMq.")
        {
            sources, allowHttp, data, json, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Read before the host starts: a bad list changes nothing.
            var list = SourceList.Read(parse.GetValue(sources)!);
            var overrides = parse.GetValue(allowHttp) ? new Dictionary<string, string?> { ["Sync:AllowHttp"] = "true" } : null;
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken, overrides);

            int done = 0;
            var report = await host.Services.GetRequiredService<SyncService>().SyncAsync(
                list,
                source => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{++done}/{list.Count}] {SyncSummaryText.Line(source)}")),
                cancellationToken);

            if (parse.GetValue(json))
            {
                JsonOutput.Write(report);
            }
            else
            {
                foreach (string line in SyncSummaryText.Lines(report))
                {
                    Console.WriteLine(line);
                }
            }
            return report.Failed.Count > 0 ? ExitCodes.SomeFilesFailed : ExitCodes.Success;
        });
        return command;
    }
}
