using System.Diagnostics;
using Meditron.Ingestion.Embedding;
using Xunit.Abstractions;

namespace Meditron.Ingestion.Tests.Embedding;

/// <summary>
/// Chunks per second of <see cref="OnnxEmbedder"/> against a bare ONNX Runtime session on the same texts.
/// Runs only with MEDITRON_BENCH=1 (it takes tens of seconds); prints, never asserts on timing.
/// </summary>
[Collection(EmbedderGroup.Name)]
public sealed class EmbeddingThroughputTests(EmbedderFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Sentences =
    [
        "Give oral amoxicillin 40 mg/kg twice daily for five days to children aged 2 to 59 months with fast breathing.",
        "Refer urgently any child with chest indrawing, convulsions, inability to drink or lethargy.",
        "Assess the degree of dehydration: sunken eyes, skin pinch going back slowly, restlessness or irritability.",
        "Plan B: give 75 ml/kg of oral rehydration solution over four hours in the health facility.",
        "Zinc supplements (10 mg per day for infants under six months, 20 mg per day above) shorten the episode.",
        "Artemisinin-based combination therapy is the first-line treatment of uncomplicated falciparum malaria.",
        "Severe malaria requires intravenous or intramuscular artesunate for at least 24 hours, then a full ACT course.",
        "Monitor blood glucose, haemoglobin and urine output; treat hypoglycaemia with 10% dextrose.",
        "Measles vaccine is given at nine months in endemic areas, with a second dose at 15 to 18 months.",
        "Vitamin A supplementation reduces mortality in children with measles and should be given on two consecutive days.",
        "For suspected cholera, start rehydration immediately and notify the surveillance focal point.",
        "Health workers should wear gloves and wash hands with soap after contact with patients' body fluids.",
    ];

    [Fact]
    public void Chunks_per_second_against_a_bare_session()
    {
        if (Environment.GetEnvironmentVariable("MEDITRON_BENCH") != "1")
        {
            output.WriteLine("Set MEDITRON_BENCH=1 to run the throughput comparison.");
            return;
        }

        var embedder = fixture.Embedder;
        var random = new Random(42);
        var texts = new List<string>();
        while (texts.Count < 500)
        {
            var picked = new List<string>();
            var target = random.Next(185, 215);
            while (embedder.CountTokens(string.Join(' ', picked)) < target)
            {
                picked.Add(Sentences[random.Next(Sentences.Length)]);
            }

            texts.Add(string.Join(' ', picked));
        }

        var meanTokens = texts.Average(embedder.CountTokens);
        using var bare = new BareOnnxBaseline();
        bare.Embed(texts.Take(8).ToList());
        embedder.Embed(texts.Take(8).ToList());

        // Alternate slices of 50 texts so that other load on the machine hits both sides alike.
        for (var round = 0; round < 2; round++)
        {
            double bareSeconds = 0, ourSeconds = 0, minCosine = 1;
            for (var start = 0; start < texts.Count; start += 50)
            {
                var slice = texts.GetRange(start, Math.Min(50, texts.Count - start));
                var watch = Stopwatch.StartNew();
                var baseline = bare.Embed(slice);
                bareSeconds += watch.Elapsed.TotalSeconds;

                watch.Restart();
                var ours = embedder.Embed(slice);
                ourSeconds += watch.Elapsed.TotalSeconds;
                minCosine = Math.Min(minCosine, Enumerable.Range(0, slice.Count).Min(i => Vectors.Cosine(baseline[i], ours[i])));
            }

            output.WriteLine(
                $"round {round}: {texts.Count} texts, {meanTokens:F0} tokens on average, {Environment.ProcessorCount} cores: " +
                $"bare {texts.Count / bareSeconds:F1} chunks/s, OnnxEmbedder {texts.Count / ourSeconds:F1} chunks/s " +
                $"(ratio {bareSeconds / ourSeconds:F2}); min cosine {minCosine:F6}");
            Assert.True(minCosine > 0.9999);
        }

        // Queries: short texts, where batching pays.
        var queries = Enumerable.Range(0, 500).Select(i => Sentences[i % Sentences.Length].Split('.')[0] + $" ({i})").ToList();
        var clock = Stopwatch.StartNew();
        bare.Embed(queries);
        var bareQueries = clock.Elapsed.TotalSeconds;
        clock.Restart();
        embedder.Embed(queries);
        var ourQueries = clock.Elapsed.TotalSeconds;
        output.WriteLine(
            $"queries: {queries.Count} texts, {queries.Average(embedder.CountTokens):F0} tokens on average: " +
            $"bare {queries.Count / bareQueries:F1}/s, OnnxEmbedder {queries.Count / ourQueries:F1}/s");
    }
}
