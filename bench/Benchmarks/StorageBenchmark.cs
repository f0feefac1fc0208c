using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Meditron.Core.Access;
using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Meditron.Ingestion.Content;
using Meditron.Postgres;
using Meditron.Retrieval.Embedded;

namespace Meditron.Benchmarks;

/// <summary>
/// What shared state in PostgreSQL costs against the embedded store, the named baseline, in one run on one machine:
/// the registry's lifecycle of a document (register, queued, processing, indexed, publish the current edition) by
/// concurrent workers, original PDFs stored and read back, and the per-request API key lookup. Each provider starts
/// empty (a temp data directory; a fresh schema, dropped afterwards).
/// </summary>
internal static class StorageBenchmark
{
    private const int PdfBytes = 5 * 1024 * 1024;

    public static async Task RunAsync(string connectionString, int documents, int workers, int lookups)
    {
        Console.WriteLine($"storage: {documents} documents by {workers} workers, {documents / 10} PDFs of {PdfBytes / (1024 * 1024)} MB, {lookups} key lookups");
        var embedded = await MeasureEmbeddedAsync(documents, workers, lookups);
        var postgres = await MeasurePostgresAsync(connectionString, documents, workers, lookups);
        Console.WriteLine("| operation | embedded (SQLite, files) | PostgreSQL | PostgreSQL / embedded |");
        Console.WriteLine("|---|---|---|---|");
        Row("document lifecycles / s", embedded.Lifecycles, postgres.Lifecycles);
        Row("PDF stored, MB/s", embedded.PutMbs, postgres.PutMbs);
        Row("PDF read, MB/s", embedded.ReadMbs, postgres.ReadMbs);
        Row("key lookups / s", embedded.Lookups, postgres.Lookups);
    }

    private static void Row(string name, double baseline, double measured) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {baseline:F0} | {measured:F0} | {measured / baseline:F2} |"));

    private static async Task<Figures> MeasureEmbeddedAsync(int documents, int workers, int lookups)
    {
        string directory = Path.Combine(Path.GetTempPath(), "meditron-bench-storage-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var store = new EmbeddedStore(directory);
            return await MeasureAsync(new SqliteDocumentRegistry(store), new FileContentStore(directory), new SqliteApiKeyStore(store), documents, workers, lookups);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<Figures> MeasurePostgresAsync(string connectionString, int documents, int workers, int lookups)
    {
        var options = new PostgresOptions { ConnectionString = connectionString, Schema = "bench_" + Guid.NewGuid().ToString("N")[..12] };
        await using var database = new PostgresDatabase(options);
        try
        {
            return await MeasureAsync(new PostgresDocumentRegistry(database), new PostgresContentStore(database), new PostgresApiKeyStore(database), documents, workers, lookups);
        }
        finally
        {
            await using var connection = new Npgsql.NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{options.Schema}\" CASCADE;", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<Figures> MeasureAsync(IDocumentRegistry registry, IContentStore content, IApiKeyStore keys, int documents, int workers, int lookups)
    {
        var ct = CancellationToken.None;
        await registry.ListAsync(ct); // creates the store before the clock starts

        // Ten editions per guideline, so the current-edition rule has work to do; workers take documents in turn.
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, documents), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (i, token) =>
        {
            string id = $"doc_{i:D6}";
            string key = $"guideline-{i / 10}";
            await registry.RegisterAsync(Document(id, key, (2000 + i % 10).ToString(CultureInfo.InvariantCulture)), token);
            await registry.MarkQueuedAsync(id, token);
            await registry.MarkProcessingAsync(id, token);
            await registry.MarkIndexedAsync(id, pages: 100, chunks: 400, token);
            await registry.PublishCurrentEditionAsync(key, (_, _) => Task.CompletedTask, token);
        });
        double lifecycles = documents / watch.Elapsed.TotalSeconds;

        var pdfs = Enumerable.Range(0, Math.Max(1, documents / 10)).Select(_ => RandomNumberGenerator.GetBytes(PdfBytes)).ToList();
        watch.Restart();
        var references = new List<string>();
        foreach (byte[] pdf in pdfs)
        {
            using var input = new MemoryStream(pdf);
            references.Add(await content.PutAsync(input, Convert.ToHexStringLower(SHA256.HashData(pdf)), ct));
        }
        double putMbs = pdfs.Count * (PdfBytes / 1048576.0) / watch.Elapsed.TotalSeconds;
        watch.Restart();
        foreach (string reference in references)
        {
            await using var stream = await content.OpenAsync(reference, ct);
            await stream.CopyToAsync(Stream.Null, ct);
        }
        double readMbs = pdfs.Count * (PdfBytes / 1048576.0) / watch.Elapsed.TotalSeconds;

        for (int k = 0; k < 20; k++)
        {
            await keys.CreateAsync(new ApiKeyRecord { Name = $"key-{k}", Hash = Hash(k), Prefix = "mdk_bench", Scopes = ["ask"] }, ct);
        }
        watch.Restart();
        for (int n = 0; n < lookups; n++)
        {
            _ = await keys.FindByHashAsync(Hash(n % 20), ct) ?? throw new InvalidOperationException("a key went missing");
        }
        double lookupRate = lookups / watch.Elapsed.TotalSeconds;
        return new Figures(lifecycles, putMbs, readMbs, lookupRate);
    }

    private static string Hash(int k) => Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(k)));

    private static DocumentRecord Document(string id, string key, string edition) => new()
    {
        DocumentId = id,
        File = id + ".pdf",
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id))),
        ContentRef = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id))),
        Metadata = new DocumentMetadata { Title = key, GuidelineKey = key, Edition = edition, Publisher = "WHO", Language = "en" },
    };

    private sealed record Figures(double Lifecycles, double PutMbs, double ReadMbs, double Lookups);
}
