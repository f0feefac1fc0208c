using System.CommandLine;
using Meditron.Cli.Hosting;
using Meditron.Cli.Output;
using Meditron.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Meditron.Cli.Commands;

/// <summary>`meditron documents`: the registry, with status and current edition of each guideline.</summary>
internal static class DocumentsCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("documents", "List ingested documents, their status and which edition is current.") { data, json, verbose };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken, access: StoreAccess.ReadExisting);
            var registry = host.Services.GetRequiredService<IDocumentRegistry>();
            var documents = await registry.ListAsync(cancellationToken);
            var entries = documents.Select(d => new DocumentEntry(
                d.DocumentId, d.File, d.Metadata.GuidelineKey, d.Metadata.Edition, d.Metadata.Publisher, d.Metadata.Title,
                d.Metadata.Language, d.Status.ToString().ToLowerInvariant(), d.Reason, d.Pages, d.Chunks, d.Current, d.Attempts)).ToList();

            if (parse.GetValue(json))
            {
                JsonOutput.Write(new DocumentsReport(entries));
                return 0;
            }
            // Redirected: one document per line whatever its length (Spectre would squeeze a table into 80 columns).
            if (Console.IsOutputRedirected)
            {
                foreach (string line in DocumentsListing.Lines(entries))
                {
                    Console.WriteLine(line);
                }
            }
            else
            {
                AnsiConsole.Write(DocumentsListing.Terminal(entries));
            }
            return 0;
        });
        return command;
    }
}
