using System.Diagnostics;
using System.Globalization;
using Meditron.Generation.Llama;
using Xunit.Abstractions;

namespace Meditron.Generation.Tests.Llama;

/// <summary>A measurement, not an assertion: requests/s of batched versus one-at-a-time decoding with the tiny model.</summary>
[Collection(LlamaCollection.Name)]
public sealed class LlamaThroughputTests(LlamaFixture models, ITestOutputHelper output)
{
    public static async Task<(double Batched, double Sequential)> MeasureAsync(string modelPath, int requests = 8, int tokens = 32)
    {
        using var engine = new LlamaEngine(new LlamaOptions { ModelPath = modelPath, ContextSize = 1100, MaxConcurrentRequests = requests, Seed = 3 });
        var passage = LlamaFixture.Passage(1, "Give amoxicillin 500 mg three times daily for 5 days.");
        Meditron.Core.Generation.GenerateAnswer Request(int i) => LlamaFixture.Request($"Q{i}?", tokens, passage);
        await engine.CompleteAsync(Request(-1), CancellationToken.None); // warm-up

        var sw = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
            await engine.CompleteAsync(Request(i), CancellationToken.None);
        var sequential = requests / sw.Elapsed.TotalSeconds;

        sw.Restart();
        await Task.WhenAll(Enumerable.Range(0, requests).Select(i => engine.CompleteAsync(Request(i), CancellationToken.None)));
        var batched = requests / sw.Elapsed.TotalSeconds;
        return (batched, sequential);
    }

    [Fact]
    public async Task Prints_batched_versus_sequential_throughput()
    {
        var (batched, sequential) = await MeasureAsync(models.BaseModel);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"8 requests x 32 tokens: batched {batched:F1} req/s, one at a time {sequential:F1} req/s, ratio {batched / sequential:F2}"));
        Assert.True(batched > 0 && sequential > 0);
    }
}
