using System.Diagnostics;
using System.Globalization;
using Meditron.Core.Generation;
using Meditron.Generation.Llama;
using Meditron.Tests.Support.Models;

namespace Meditron.Benchmarks;

/// <summary>
/// Requests/s of LlamaEngine decoding N requests concurrently (one BatchedExecutor batch) against the
/// same N requests one at a time, on one engine and the random-weight GGUF the tests write: the tests'
/// tiny shape by default, or a larger <see cref="TinyGgufShape"/> whose weights do not fit the CPU cache.
/// </summary>
internal static class GenerationBenchmark
{
    private const int PromptRoom = 1024; // the prompt is ~940 tokens (byte-level vocabulary)

    private static readonly EvidencePassage Passage = new()
    {
        N = 1,
        DocumentId = "doc-1",
        Title = "Guideline 1",
        Publisher = "WHO",
        Edition = "2024",
        File = "g1.pdf",
        Page = 11,
        PageEnd = 11,
        PageLabel = "p11",
        Section = "Dosage",
        Text = "Give amoxicillin 500 mg three times daily for 5 days.",
    };

    public static async Task RunAsync(int requests, int tokens, int rounds, TinyGgufShape shape)
    {
        shape.Validate();
        int contextSize = PromptRoom + tokens;
        if (contextSize > TinyGguf.TrainContext)
            throw new ArgumentOutOfRangeException(nameof(tokens), $"at most {TinyGguf.TrainContext - PromptRoom} new tokens fit the tiny model's context");
        string directory = Directory.CreateTempSubdirectory("meditron-bench-").FullName;
        try
        {
            // EOS is never sampled, so every request generates exactly `tokens` tokens: equal work per round.
            string model = Path.Combine(directory, "tiny-llama.gguf");
            var writing = Stopwatch.StartNew();
            TinyGguf.Write(model, TinyEos.Never, shape: shape);
            writing.Stop();
            using var engine = new LlamaEngine(new LlamaOptions { ModelPath = model, ContextSize = contextSize, MaxConcurrentRequests = requests, Seed = 3 });

            Console.WriteLine($"# Generation benchmark: llama GGUF (random weights), {requests} requests x {tokens} new tokens, {rounds} rounds");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"model: embd {shape.Embd}, ff {shape.Ff}, {shape.Blocks} layers, {shape.Heads} heads, vocab {TinyGgufShape.Vocab}: {shape.Parameters:N0} parameters, F32 file {new FileInfo(model).Length / 1048576.0:F1} MiB (written in {writing.Elapsed.TotalSeconds:F1} s)"));

            // Warm-up: one untimed round of each side. After a lone warm-up request the first timed
            // one-at-a-time pass still ran while the tiered JIT was optimising, up to 45% slower.
            var warm = await engine.CompleteAsync(Request(-1, tokens), CancellationToken.None);
            if (warm.GeneratedTokens != tokens)
                throw new InvalidOperationException($"the warm-up request generated {warm.GeneratedTokens} tokens, not {tokens} ({warm.StopReason}): EOS is not suppressed at this shape");
            await OneAtATime(engine, requests, tokens);
            await Batched(engine, requests, tokens);
            Console.WriteLine($"engine: {engine.Name}, {contextSize} tokens per request, {requests} concurrent, prompt {warm.PromptTokens} tokens");

            var sequential = new List<Run>();
            var batched = new List<Run>();
            Console.WriteLine("| round | first | one at a time req/s | batched req/s | ratio |");
            Console.WriteLine("|---|---|---|---|---|");
            for (int round = 1; round <= rounds; round++)
            {
                // Alternate which side runs first so that drift (heat, other load) does not favour one.
                bool sequentialFirst = round % 2 == 1;
                Run one, many;
                if (sequentialFirst)
                {
                    one = await OneAtATime(engine, requests, tokens);
                    many = await Batched(engine, requests, tokens);
                }
                else
                {
                    many = await Batched(engine, requests, tokens);
                    one = await OneAtATime(engine, requests, tokens);
                }
                sequential.Add(one);
                batched.Add(many);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {round} | {(sequentialFirst ? "one at a time" : "batched")} | {one.RequestsPerSecond:F2} | {many.RequestsPerSecond:F2} | {many.RequestsPerSecond / one.RequestsPerSecond:F2} |"));
            }

            double ratio = Median(sequential.Zip(batched, (one, many) => many.RequestsPerSecond / one.RequestsPerSecond));
            Console.WriteLine();
            Console.WriteLine("| median over rounds | req/s | generated tokens/s | prompt + generated tokens/s |");
            Console.WriteLine("|---|---|---|---|");
            Print("one at a time", sequential);
            Print("batched", batched);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio batched / one at a time (median of per-round ratios): {ratio:F2}"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<Run> OneAtATime(LlamaEngine engine, int requests, int tokens)
    {
        var completions = new List<LlamaCompletion>(requests);
        var stopwatch = Stopwatch.StartNew();
        for (int i = 0; i < requests; i++)
        {
            completions.Add(await engine.CompleteAsync(Request(i, tokens), CancellationToken.None));
        }
        return new Run(requests, stopwatch.Elapsed.TotalSeconds, completions);
    }

    private static async Task<Run> Batched(LlamaEngine engine, int requests, int tokens)
    {
        var stopwatch = Stopwatch.StartNew();
        var completions = await Task.WhenAll(Enumerable.Range(0, requests).Select(i => engine.CompleteAsync(Request(i, tokens), CancellationToken.None)));
        return new Run(requests, stopwatch.Elapsed.TotalSeconds, completions);
    }

    private static GenerateAnswer Request(int i, int tokens) =>
        new(Guid.NewGuid().ToString("N"), $"Q{i}?", [Passage], new AnswerOptions { MaxTokens = tokens });

    private static void Print(string name, List<Run> runs) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Median(runs.Select(r => r.RequestsPerSecond)):F2} | {Median(runs.Select(r => r.GeneratedPerSecond)):F1} | {Median(runs.Select(r => r.TokensPerSecond)):F1} |"));

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private sealed record Run(int Requests, double Seconds, IReadOnlyCollection<LlamaCompletion> Completions)
    {
        public double RequestsPerSecond => Requests / Seconds;
        public double GeneratedPerSecond => Completions.Sum(c => c.GeneratedTokens) / Seconds;
        public double TokensPerSecond => Completions.Sum(c => c.PromptTokens + c.GeneratedTokens) / Seconds;
    }
}
