namespace Meditron.Core.Documents;

/// <summary>A retrievable passage: text with the pages it came from and its place in the document.</summary>
public sealed record Chunk
{
    public required string DocumentId { get; init; }
    public required int ChunkNo { get; init; }
    /// <summary>The passage as shown to readers and quoted in citations.</summary>
    public required string Text { get; init; }
    /// <summary>1-based physical page where the passage starts.</summary>
    public required int PageStart { get; init; }
    public required int PageEnd { get; init; }
    /// <summary>Number printed on the start page, where one could be read.</summary>
    public string? PageLabel { get; init; }
    public string? PageLabelEnd { get; init; }
    /// <summary>Heading path, outermost first, joined with " > ".</summary>
    public string Section { get; init; } = "";
    public string Language { get; init; } = "en";
    /// <summary>True when the text came from OCR rather than the PDF's text layer.</summary>
    public bool Ocr { get; init; }
    public int TokenCount { get; init; }
    /// <summary>Guidance, or text that is not (contents, index, references, a form): see <see cref="ChunkKind"/>.</summary>
    public ChunkKind Kind { get; init; } = ChunkKind.Guidance;
}
