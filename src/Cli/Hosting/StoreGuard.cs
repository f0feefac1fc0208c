using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Meditron.Retrieval.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Cli.Hosting;

/// <summary>
/// Read-only commands never create a store, and refuse to answer from an empty one: a mistyped --data
/// would otherwise read as "the guidelines do not cover this".
/// </summary>
internal static class StoreGuard
{
    public static void RequireStore(string dataDirectory)
    {
        if (!File.Exists(EmbeddedStore.DatabasePathIn(dataDirectory)))
        {
            throw new NothingIndexedException($"No guidelines are indexed in {dataDirectory} (there is no store there). {HowToIngest(dataDirectory)}");
        }
    }

    public static async Task RequireIndexedAsync(IServiceProvider services, string dataDirectory, CancellationToken cancellationToken)
    {
        var documents = await services.GetRequiredService<IDocumentRegistry>().ListAsync(cancellationToken);
        if (!documents.Any(d => d.Status == DocumentStatus.Indexed))
        {
            string registered = documents.Count == 0 ? "the store is empty" : $"{documents.Count} documents are registered, none indexed: see 'meditron documents'";
            throw new NothingIndexedException($"No guidelines are indexed in {dataDirectory} ({registered}). {HowToIngest(dataDirectory)}");
        }
    }

    private static string HowToIngest(string dataDirectory) =>
        $"Check --data (or $MEDITRON_DATA), or ingest guideline PDFs first: meditron ingest PATH --data {dataDirectory}";
}
