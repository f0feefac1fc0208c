using System.Diagnostics;
using System.Globalization;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Ingestion.Embedding;
using Meditron.Retrieval.Embedded;
using Meditron.Retrieval.Evaluation;
using Microsoft.Extensions.Options;

namespace Meditron.Benchmarks;

/// <summary>Where a query's time goes on an existing data directory: embedding, dense side, BM25 side.</summary>
internal static class QueryProfile
{
    public static async Task RunAsync(string dataDirectory, string questionsFile)
    {
        using var store = new EmbeddedStore(dataDirectory);
        using var embedder = new OnnxEmbedder(Options.Create(new EmbeddingOptions()));
        var index = new SqliteChunkIndex(store, () => EmbeddingModel.Of(embedder));
        var questions = EvalQuestion.ReadFile(questionsFile).Select(q => q.Question).ToList();
        var vectors = embedder.Embed(questions.Take(2).ToArray(), EmbeddingPurpose.Query);
        await index.SearchAsync(new IndexQuery(questions[0], vectors[0], SearchMode.Hybrid, 20, new IndexFilter()), CancellationToken.None);

        var embed = new List<double>();
        var dense = new List<double>();
        var bm25 = new List<double>();
        var version = new List<double>();
        foreach (string question in questions)
        {
            var watch = Stopwatch.StartNew();
            float[] vector = embedder.Embed([question], EmbeddingPurpose.Query)[0];
            embed.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await index.SearchAsync(new IndexQuery(question, vector, SearchMode.Dense, 20, new IndexFilter()), CancellationToken.None);
            dense.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await index.SearchAsync(new IndexQuery(question, null, SearchMode.Bm25, 20, new IndexFilter()), CancellationToken.None);
            bm25.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await store.GetChangeVersionAsync();
            version.Add(watch.Elapsed.TotalMilliseconds);
        }
        foreach (var (name, values) in new[] { ("query embedding", embed), ("dense search", dense), ("bm25 search", bm25), ("change-version check", version) })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: p50 {RetrievalMetrics.Percentile(values, 50):0.00} ms, p99 {RetrievalMetrics.Percentile(values, 99):0.00} ms"));
        }
    }
}
