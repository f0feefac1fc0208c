namespace Meditron.Ingestion.Extraction;

/// <summary>A word with its box in top-down page coordinates (y grows downwards).</summary>
internal readonly record struct PageWord(string Text, double Left, double Right, double Top, double Bottom, double FontSize, bool Bold);

/// <summary>
/// A run of words on one baseline that belongs together (a line of a column, or a table cell).
/// Words on the same baseline separated by a wide gap form separate lines.
/// </summary>
internal sealed class LayoutLine(IReadOnlyList<PageWord> words)
{
    public IReadOnlyList<PageWord> Words { get; } = words;
    public double Left { get; } = words.Min(w => w.Left);
    public double Right { get; } = words.Max(w => w.Right);
    public double Top { get; } = words.Min(w => w.Top);
    public double Bottom { get; } = words.Max(w => w.Bottom);
    public string Text { get; } = string.Join(' ', words.Select(w => w.Text));

    /// <summary>Character-weighted font size of the line.</summary>
    public double FontSize { get; } = words.Sum(w => w.FontSize * w.Text.Length) / Math.Max(1, words.Sum(w => w.Text.Length));

    /// <summary>True when most characters are in a bold font.</summary>
    public bool Bold { get; } = words.Where(w => w.Bold).Sum(w => w.Text.Length) * 10 >= words.Sum(w => w.Text.Length) * 6;

    public double Height => Bottom - Top;

    /// <summary>Set by the running header/footer filter or the page-number detector.</summary>
    public bool Removed { get; set; }

    /// <summary>0 in the body, -1 in the top margin zone, +1 in the bottom margin zone.</summary>
    public int MarginZone { get; set; }

    /// <summary>In a margin zone only as the page's first or last line, below the usual zone (<see cref="MarginZones"/>).</summary>
    public bool OuterMargin { get; set; }
}

internal enum LayoutBlockKind
{
    Text,
    Table,
}

/// <summary>A block in reading order: lines of one paragraph (same style, no large gap) or a table.</summary>
internal sealed class LayoutBlock(LayoutBlockKind kind, IReadOnlyList<LayoutLine> lines)
{
    public LayoutBlockKind Kind { get; } = kind;
    public IReadOnlyList<LayoutLine> Lines { get; } = lines;

    /// <summary>For tables: rows of cell texts, the first row is the header.</summary>
    public IReadOnlyList<IReadOnlyList<string>> TableRows { get; init; } = [];

    /// <summary>A side note placed before the clause it names (<see cref="SideNotes"/>): that clause's heading.</summary>
    public bool SideNote { get; init; }
}

/// <summary>One page after layout analysis, before document-level passes (headers, labels, sections).</summary>
internal sealed class LayoutPage(int number, double height)
{
    public int Number { get; } = number;
    public double Height { get; } = height;
    public List<LayoutBlock> Blocks { get; } = [];

    /// <summary>Non-table lines in the top or bottom margin zone (candidates for running headers and page numbers).</summary>
    public List<LayoutLine> MarginLines { get; } = [];

    public bool Ocr { get; set; }

    /// <summary>Paragraphs recognised by OCR (only when <see cref="Ocr"/>).</summary>
    public IReadOnlyList<string> OcrParagraphs { get; set; } = [];

    public string? DetectedLabel { get; set; }
}
