using Meditron.Core.Documents;
using Meditron.Ingestion.Chunking;
using Meditron.Ingestion.Extraction;
using Microsoft.Extensions.Options;

namespace Meditron.Ingestion.Tests.Chunking;

/// <summary>Small builders for extracted documents.</summary>
internal static class Docs
{
    /// <summary>A stand-in tokenizer: one token per white-space separated word, no special tokens.</summary>
    public static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    public static SectionChunker Chunker(int maxTokens = 64, int overlap = 10, int min = 4) =>
        new(Options.Create(new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlap, MinTokens = min }));

    public static ExtractedDocument Doc(params ExtractedPage[] pages) => new(pages);

    public static ExtractedPage Page(int number, string? label, params TextBlock[] blocks) => new(number, label, false, blocks);

    public static TextBlock H(string text, string section, int level = 1) => new(BlockKind.Heading, text, section, level);

    public static TextBlock P(string text, string section) => new(BlockKind.Paragraph, text, section);

    public static TextBlock T(string section, string? header, params string[] rows) =>
        new(BlockKind.Table, string.Join('\n', rows), section) { TableHeader = header, TableRows = rows };

    /// <summary>Numbered sentences "S{first}w1 w2 ... ." of <paramref name="words"/> words each.</summary>
    public static string Sentences(string tag, int count, int words = 8, int first = 0) =>
        string.Join(' ', Enumerable.Range(first, count).Select(i =>
            $"{tag}{i} " + string.Join(' ', Enumerable.Range(1, words - 1).Select(w => $"w{w}")) + "."));

    public static void AssertWellFormed(IReadOnlyList<Chunk> chunks, int maxTokens, Func<string, int> count, string documentId = "doc")
    {
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            Assert.Equal(i, chunk.ChunkNo);
            Assert.Equal(documentId, chunk.DocumentId);
            Assert.False(string.IsNullOrWhiteSpace(chunk.Text));
            Assert.True(chunk.PageStart >= 1 && chunk.PageEnd >= chunk.PageStart, $"chunk {i}: pages {chunk.PageStart}-{chunk.PageEnd}");
            var tokens = count(SectionChunker.EmbeddingText(chunk));
            Assert.Equal(tokens, chunk.TokenCount);
            Assert.True(tokens <= maxTokens, $"chunk {i} has {tokens} tokens > {maxTokens}");
        }
    }
}
