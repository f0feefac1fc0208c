using System.CommandLine;
using System.Diagnostics;
using Meditron.Application.Ingesting;
using Meditron.Cli.Hosting;
using Meditron.Cli.Output;
using Meditron.Ingestion.Extraction;
using Meditron.Ingestion.Intake;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Cli.Commands;

/// <summary>`meditron ingest PATH...`: files or folders of PDFs into the index.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "PDF files or folders of PDFs (a folder's MANIFEST.tsv supplies metadata).", Arity = ArgumentArity.OneOrMore };
        var publisher = new Option<string?>("--publisher") { Description = "Publisher, e.g. WHO." };
        var title = new Option<string?>("--title") { Description = "Title of the guideline." };
        var edition = new Option<string?>("--edition") { Description = "Edition label: a date (2025-08-13), a year, or a number (2ed)." };
        var year = CliValues.Year("--year", "Year of publication.");
        var language = new Option<string?>("--language") { Description = "ISO 639-1 language code (default en)." };
        var enqueue = new Option<bool>("--enqueue") { Description = "Store and register each file, then queue it for `meditron worker ingestion` instead of ingesting here (needs Messaging:Transport=RabbitMq)." };
        var guideline = new Option<string?>("--guideline") { Description = "Stable key of the guideline across editions (default: the normalised title).", HelpName = "KEY" };
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();

        var command = new Command("ingest", "Ingest guideline PDFs: extract, chunk, embed and index them.")
        {
            paths, publisher, title, edition, year, language, guideline, enqueue, data, json, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new MetadataOverrides
            {
                Publisher = parse.GetValue(publisher),
                Title = parse.GetValue(title),
                Edition = parse.GetValue(edition),
                Year = parse.GetValue(year),
                Language = parse.GetValue(language),
                GuidelineKey = parse.GetValue(guideline),
            };
            // Checked before any file is stored or registered, so a refused run leaves nothing behind.
            Action<IServiceCollection, IConfiguration>? requireBroker = parse.GetValue(enqueue)
                ? (_, configuration) => BrokerRequirement.Require(configuration, "Queuing documents for ingestion workers needs a broker")
                : null;
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken, addRole: requireBroker);
            var ingestion = host.Services.GetRequiredService<IngestService>();

            var stopwatch = Stopwatch.StartNew();
            var (files, missing) = InputFiles.Expand(parse.GetValue(paths) ?? []);
            var reports = missing.Select(m => new IngestFileReport(m, null, IngestFileReport.FailedStatus, 0, 0, "No such file or folder.")).ToList();
            await FileProgress.RunAsync(files, f => Path.GetFileName(f.Path), f => PdfPageCounter.Count(f.Path), async (file, progress) =>
            {
                var report = parse.GetValue(enqueue)
                    ? await ingestion.EnqueueAsync(file.Path, file.Manifest, overrides, cancellationToken)
                    : await ingestion.IngestAsync(file.Path, file.Manifest, overrides, progress, cancellationToken);
                reports.Add(report);
                return report;
            });

            var summary = new IngestReport(
                Documents: reports.Count,
                Indexed: reports.Count(r => r.Status == IngestFileReport.IndexedStatus),
                Skipped: reports.Count(r => r.Status == IngestFileReport.SkippedStatus),
                Failed: reports.Count(r => r.Status == IngestFileReport.FailedStatus),
                Queued: reports.Count(r => r.Status == IngestFileReport.QueuedStatus),
                Pages: reports.Sum(r => r.Pages),
                Chunks: reports.Sum(r => r.Chunks),
                Seconds: Math.Round(stopwatch.Elapsed.TotalSeconds, 2),
                Files: reports);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(summary);
            }
            else
            {
                foreach (string line in IngestSummaryText.Lines(summary))
                {
                    Console.WriteLine(line);
                }
            }
            return summary.Failed > 0 ? ExitCodes.SomeFilesFailed : ExitCodes.Success;
        });
        return command;
    }
}
