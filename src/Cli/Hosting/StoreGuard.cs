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

    /// <param name="dataDirectory">The data directory of the embedded store; null for shared state in PostgreSQL.</param>
    public static async Task RequireIndexedAsync(IServiceProvider services, string? dataDirectory, CancellationToken cancellationToken)
    {
        var documents = await services.GetRequiredService<IDocumentRegistry>().ListAsync(cancellationToken);
        if (!documents.Any(d => d.Status == DocumentStatus.Indexed))
        {
            string registered = documents.Count == 0 ? "the store is empty" : $"{documents.Count} documents are registered, none indexed: see 'meditron documents'";
            string where = dataDirectory ?? "the shared PostgreSQL store (Storage:Provider=Postgres)";
            throw new NothingIndexedException($"No guidelines are indexed in {where} ({registered}). {HowToIngest(dataDirectory)}");
        }
    }

    private static string HowToIngest(string? dataDirectory) => dataDirectory is null
        ? "Check Storage:Postgres, or ingest guideline PDFs first: meditron ingest PATH"
        : $"Check --data (or $MEDITRON_DATA), or ingest guideline PDFs first: meditron ingest PATH --data {dataDirectory}";
}
