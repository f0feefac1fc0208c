using System.Diagnostics;
using System.Globalization;
using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Meditron.Ingestion.Chunking;
using Meditron.Ingestion.Embedding;
using Meditron.Ingestion.Extraction;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Meditron.Benchmarks;

/// <summary>
/// Extraction pages/s against `pdftotext -layout`, and embedding chunks/s against a bare ONNX
/// Runtime session, each pair measured in the same run on the same inputs.
/// </summary>
internal static class IngestionBenchmark
{
    public static void Run(string corpus, int embedTexts)
    {
        string[] files = Directory.GetFiles(corpus, "*.pdf").Order(StringComparer.Ordinal).ToArray();
        var extractor = new PdfExtractor(Options.Create(new ExtractionOptions { OcrEnabled = false }), NullLogger<PdfExtractor>.Instance);
        var chunker = new SectionChunker(Options.Create(new ChunkingOptions()));
        using var embedder = new OnnxEmbedder(Options.Create(new EmbeddingOptions()));

        Console.WriteLine($"# Ingestion benchmark: {files.Length} files in {corpus}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");

        // Warm-up: JIT, font caches, page cache for the files.
        extractor.Extract(File.OpenRead(files.MinBy(f => new FileInfo(f).Length)!), CancellationToken.None);
        foreach (string file in files)
        {
            _ = File.ReadAllBytes(file);
        }

        double popplerSeconds = Time(() =>
        {
            foreach (string file in files)
            {
                RunPdftotext(file);
            }
        });

        var chunks = new List<Chunk>();
        int pages = 0;
        double oursSeconds = Time(() =>
        {
            foreach (string file in files)
            {
                using var stream = File.OpenRead(file);
                var document = extractor.Extract(stream, CancellationToken.None);
                pages += document.PageCount;
                chunks.AddRange(chunker.Chunk(Path.GetFileName(file), document, "en", embedder.CountTokens, Path.GetFileNameWithoutExtension(file)));
            }
        });
        double popplerAgain = Time(() =>
        {
            foreach (string file in files)
            {
                RunPdftotext(file);
            }
        });
        popplerSeconds = Math.Min(popplerSeconds, popplerAgain);

        Console.WriteLine();
        Console.WriteLine("| extraction | seconds | pages/s | ratio to pdftotext |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine(Row("pdftotext -layout (process per file, best of 2)", popplerSeconds, pages, pages / popplerSeconds));
        Console.WriteLine(Row("PdfExtractor + SectionChunker (in process)", oursSeconds, pages, pages / popplerSeconds));
        var withOcr = new PdfExtractor(Options.Create(new ExtractionOptions { OcrEnabled = true, OcrLanguages = "eng" }), NullLogger<PdfExtractor>.Instance);
        int ocrPages = 0;
        double ocrSeconds = Time(() =>
        {
            foreach (string file in files)
            {
                using var stream = File.OpenRead(file);
                ocrPages += withOcr.Extract(stream, CancellationToken.None).Pages.Count(p => p.Ocr);
            }
        });
        Console.WriteLine(Row($"PdfExtractor with OCR on ({ocrPages} pages without a text layer OCR'd; pdftotext reads none of them)", ocrSeconds, pages, pages / popplerSeconds));
        Console.WriteLine($"chunks: {chunks.Count}");

        // Every k-th chunk, so that all documents and chunk sizes are represented.
        int step = Math.Max(1, chunks.Count / embedTexts);
        string[] texts = chunks.Where((_, i) => i % step == 0).Take(embedTexts).Select(c => SectionChunker.EmbeddingText(c, c.DocumentId)).ToArray();
        using var bare = new BareOnnxBaseline();
        bare.Embed(texts.Take(8).ToArray());
        embedder.Embed(texts.Take(8).ToArray(), EmbeddingPurpose.Passage);

        double bareSeconds = Time(() => bare.Embed(texts));
        double batchedSeconds = Time(() => embedder.Embed(texts, EmbeddingPurpose.Passage));
        double bareAgain = Time(() => bare.Embed(texts));
        bareSeconds = Math.Min(bareSeconds, bareAgain);

        Console.WriteLine();
        Console.WriteLine($"| embedding ({texts.Length} chunk texts, mean {texts.Average(t => embedder.CountTokens(t)):0} tokens) | seconds | chunks/s | ratio to bare session |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine(Row("bare ONNX Runtime session, one text per run (best of 2)", bareSeconds, texts.Length, texts.Length / bareSeconds));
        Console.WriteLine(Row("OnnxEmbedder (batched, length-sorted)", batchedSeconds, texts.Length, texts.Length / bareSeconds));
    }

    private static string Row(string name, double seconds, int items, double baselineRate) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {seconds:0.00} | {items / seconds:0.0} | {items / seconds / baselineRate:0.00} |");

    private static double Time(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static void RunPdftotext(string file)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { "-layout", file, "-" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
    }
}
