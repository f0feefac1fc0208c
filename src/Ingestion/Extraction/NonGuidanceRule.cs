using Meditron.Core.Documents;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// A page as rows of text, top to bottom (<see cref="VisualRows"/>), the headings it sits under or shows
/// (<paramref name="Titles"/>: its blocks' section paths), and the texts of its blocks (a table header's cells are
/// blocks of their own, whose lines interleave in the rows).
/// </summary>
internal sealed record PageRows(IReadOnlyList<string> Rows, IReadOnlyList<string> Titles, IReadOnlyList<string> Blocks)
{
    /// <summary>The headings shown on the page itself (a section path may name a heading pages back, or one misplaced).</summary>
    public IReadOnlyList<string> Headings { get; init; } = [];

    /// <summary>Rows with at least three letters: what shares are counted against (bare numbers and rules left out).</summary>
    public IReadOnlyList<string> TextRows { get; } = Rows.Where(RowFeatures.IsTextRow).ToList();
}

/// <summary>A block of a page as the classifier sees it: the block, its rows, and the lines they came from (none for OCR text).</summary>
internal sealed record PageBlock(TextBlock Block, IReadOnlyList<string> Rows)
{
    public IReadOnlyList<LayoutLine> Lines { get; init; } = [];

    public static PageBlock Of(TextBlock block, IReadOnlyList<LayoutLine> lines) => new(block, VisualRows.Of(lines)) { Lines = lines };
}

/// <summary>
/// Recognises one kind of text that is not guidance. A page is of the kind when enough of its rows are entries of
/// the kind (fewer under a title that names it: "Contents", "Index", "References"); on a guidance page, a block can
/// still be of the kind on its own (a reference list after a chapter's last paragraph, a form below instructions).
/// </summary>
internal interface INonGuidanceRule
{
    ChunkKind Kind { get; }

    /// <summary>Whether one row of text is an entry of this kind ("1.9.1 Snake bite 34", "Name: ______").</summary>
    bool IsEntry(string row);

    /// <summary>Whether a heading names this kind ("Contents", "Table des matières", "References").</summary>
    bool IsTitle(string heading);

    bool MatchesPage(PageRows page);

    /// <summary>Whether a block of a guidance page is of this kind by itself; <paramref name="titled"/>: it sits under a title of the kind.</summary>
    bool MatchesBlock(IReadOnlyList<string> rows, bool titled);
}
