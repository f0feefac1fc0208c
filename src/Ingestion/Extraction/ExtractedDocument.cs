using Meditron.Core.Documents;

namespace Meditron.Ingestion.Extraction;

/// <summary>A PDF's text after layout analysis: pages in order, blocks in reading order.</summary>
public sealed record ExtractedDocument(IReadOnlyList<ExtractedPage> Pages)
{
    public int PageCount => Pages.Count;
}

/// <param name="Number">1-based physical page number.</param>
/// <param name="Label">The page number printed on the page (or a plausible /PageLabels entry); null when none.</param>
/// <param name="Ocr">True when the text came from OCR because the page had no text layer.</param>
public sealed record ExtractedPage(int Number, string? Label, bool Ocr, IReadOnlyList<TextBlock> Blocks);

public enum BlockKind
{
    Heading,
    Paragraph,
    /// <summary>A table: <see cref="TextBlock.TableHeader"/> plus <see cref="TextBlock.TableRows"/>, one string per row, cells joined by " | ".</summary>
    Table,
}

/// <summary>One block of text in reading order.</summary>
/// <param name="Section">Heading path that this block sits under, outermost first, joined by " > " (for a heading: including itself).</param>
/// <param name="HeadingLevel">1 for top-level headings; 0 for non-headings.</param>
public sealed record TextBlock(BlockKind Kind, string Text, string Section, int HeadingLevel = 0)
{
    /// <summary>Guidance, or part of a table of contents, an index, a reference list or a form (<see cref="PageKindClassifier"/>).</summary>
    public ChunkKind ChunkKind { get; init; } = ChunkKind.Guidance;

    public string? TableHeader { get; init; }
    public IReadOnlyList<string> TableRows { get; init; } = [];
}
