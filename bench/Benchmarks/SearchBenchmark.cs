using System.Diagnostics;
using System.Globalization;
using Meditron.Core.Documents;
using Meditron.Core.Retrieval;
using Meditron.Ingestion.Embedding;
using Meditron.Retrieval;
using Meditron.Retrieval.Embedded;
using Meditron.Retrieval.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Meditron.Benchmarks;

/// <summary>
/// Query latency of the embedded index at a synthetic size: real query embedding, random unit
/// vectors and texts drawn from a medical vocabulary for the chunks, hybrid, dense and BM25 modes.
/// </summary>
internal static class SearchBenchmark
{
    private static readonly string[] Vocabulary =
        ("fever cough pneumonia malaria artesunate amoxicillin dose weight child infant referral danger signs dehydration " +
         "zinc oral rehydration salts convulsions antibiotic hospital oxygen saturation breathing fast chest indrawing wheeze " +
         "measles vaccine nutrition malnutrition muac oedema ceftriaxone gentamicin quinine parasite test treatment severe " +
         "moderate mild daily twice days tablets syrup injection intravenous intramuscular monitor fluids blood glucose anaemia").Split(' ');

    public static async Task RunAsync(int chunks, string questionsFile)
    {
        string directory = Directory.CreateTempSubdirectory("meditron-bench-").FullName;
        try
        {
            using var store = new EmbeddedStore(directory);
            var registry = new SqliteDocumentRegistry(store);
            var index = new SqliteChunkIndex(store);
            using var embedder = new OnnxEmbedder(Options.Create(new EmbeddingOptions()));

            var build = Stopwatch.StartNew();
            await FillAsync(registry, index, chunks, embedder.Dimension);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# Search benchmark: {chunks:N0} synthetic chunks, built in {build.Elapsed.TotalSeconds:0} s"));

            var retrieval = new RetrievalService(index, registry, embedder, Options.Create(new RetrievalOptions()), NullLogger<RetrievalService>.Instance);
            var questions = EvalQuestion.ReadFile(questionsFile).Select(q => q.Question).ToList();
            Console.WriteLine("| mode | queries | p50 ms | p99 ms |");
            Console.WriteLine("|---|---|---|---|");
            foreach (var mode in new[] { SearchMode.Hybrid, SearchMode.Dense, SearchMode.Bm25 })
            {
                await retrieval.SearchAsync(new SearchRequest { Query = questions[0], Mode = mode }, CancellationToken.None);
                var latencies = new List<double>();
                foreach (string question in questions)
                {
                    var stopwatch = Stopwatch.StartNew();
                    await retrieval.SearchAsync(new SearchRequest { Query = question, Mode = mode }, CancellationToken.None);
                    latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {mode.ToString().ToLowerInvariant()} | {latencies.Count} | {RetrievalMetrics.Percentile(latencies, 50):0.0} | {RetrievalMetrics.Percentile(latencies, 99):0.0} |"));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task FillAsync(SqliteDocumentRegistry registry, SqliteChunkIndex index, int chunks, int dimension)
    {
        var random = new Random(42);
        const int PerDocument = 1_000;
        for (int d = 0; d * PerDocument < chunks; d++)
        {
            var now = DateTimeOffset.UtcNow;
            var document = await registry.RegisterAsync(new DocumentRecord
            {
                DocumentId = $"doc_synthetic_{d:D4}",
                File = $"synthetic_{d:D4}.pdf",
                Sha256 = new string('0', 64),
                ContentRef = "sha256:" + new string('0', 64),
                Metadata = new DocumentMetadata { Title = $"Synthetic {d}", GuidelineKey = $"synthetic-{d}", Edition = "2024", Year = 2024 },
                CreatedAt = now,
                UpdatedAt = now,
            }, CancellationToken.None);
            int count = Math.Min(PerDocument, chunks - d * PerDocument);
            var batch = Enumerable.Range(0, count).Select(i => new EmbeddedChunk(
                new Chunk
                {
                    DocumentId = document.DocumentId,
                    ChunkNo = i,
                    Text = SyntheticText(random),
                    PageStart = 1 + i / 4,
                    PageEnd = 1 + i / 4,
                    Section = "Synthetic",
                },
                UnitVector(random, dimension))).ToList();
            await index.ReplaceDocumentAsync(document.DocumentId, batch, CancellationToken.None);
            await registry.MarkIndexedAsync(document.DocumentId, count / 4 + 1, count, CancellationToken.None);
        }
    }

    /// <summary>120 words: one in ten from the medical vocabulary, the rest from 20,000 filler words, so a query term meets a realistic share of chunks (about a fifth).</summary>
    private static string SyntheticText(Random random) =>
        string.Join(' ', Enumerable.Range(0, 120).Select(_ => random.Next(10) == 0
            ? Vocabulary[random.Next(Vocabulary.Length)]
            : "w" + random.Next(20_000).ToString(CultureInfo.InvariantCulture)));

    private static float[] UnitVector(Random random, int dimension)
    {
        var vector = new float[dimension];
        for (int i = 0; i < dimension; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
        }
        float norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }
}
