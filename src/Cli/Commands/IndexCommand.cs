using System.CommandLine;
using Meditron.Cli.Hosting;
using Meditron.Cli.Output;
using Meditron.Core.Ports;
using Meditron.Retrieval;
using Meditron.Retrieval.Embedded;
using Meditron.Retrieval.Qdrant;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Meditron.Cli.Commands;

/// <summary>
/// `meditron index init`: creates the chunk index (the embedded store, or the Qdrant collection and its payload indexes)
/// when missing and verifies it. Ingestion does the same on its first write; this is for a cluster whose search nodes
/// hold a read-only key and must find the collection there before anything is ingested.
/// </summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var index = new Command("index", "Manage the chunk index (the embedded store or the Qdrant collection).");
        index.Subcommands.Add(Init());
        return index;
    }

    private static Command Init()
    {
        var data = CommonOptions.Data();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command(
            "init",
            "Create the index if missing and verify it (Qdrant: server version, vector size and distance, sparse IDF, payload indexes). Safe to repeat; needs a key that may write.")
        {
            data, json, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await MeditronHost.StartAsync(parse.GetValue(data), parse.GetValue(verbose), cancellationToken, access: StoreAccess.ReadWrite);
            await host.Services.GetRequiredService<IChunkIndex>().InitializeAsync(cancellationToken);
            var report = Describe(host.Services);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(report);
            }
            else
            {
                Console.WriteLine(report.Collection is null
                    ? $"Index ready: embedded store at {report.Location}"
                    : $"Index ready: Qdrant collection {report.Collection} at {report.Location}");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static IndexInitReport Describe(IServiceProvider services)
    {
        var provider = services.GetRequiredService<IConfiguration>().GetSection(IndexOptions.SectionName).Get<IndexOptions>()?.Provider ?? IndexProvider.Embedded;
        if (provider == IndexProvider.Qdrant)
        {
            var qdrant = services.GetRequiredService<IOptions<QdrantOptions>>().Value;
            return new IndexInitReport(provider.ToString(), qdrant.Endpoint, qdrant.Collection);
        }
        return new IndexInitReport(provider.ToString(), services.GetRequiredService<EmbeddedStore>().DatabasePath, null);
    }
}
