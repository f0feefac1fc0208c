namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Which lines of a page sit where running headers, footers and page numbers live: the top and bottom 12 % of the
/// page; and, when nothing is there, the page's first (or last) line within its top (or bottom) fifth, since some
/// layouts set their running header lower ("Kenya Subsidiary Legislation, 2024 … 261" at 13 % of an A4 page). Only a
/// margin line whose text repeats on several pages is then removed (<see cref="RunningHeaderFilter"/>); such a first
/// line must repeat word for word on many pages, since a page may open with a heading ("Recommendation 6").
/// </summary>
internal static class MarginZones
{
    /// <summary>Share of the page height at the top and at the bottom where running headers, footers and page numbers live.</summary>
    public const double Fraction = 0.12;

    /// <summary>How far from the edge the first or last line of a page may still be a running header or footer.</summary>
    public const double OuterFraction = 0.2;

    public static void Assign(IReadOnlyList<LayoutLine> lines, double height)
    {
        foreach (var line in lines)
        {
            var centre = Centre(line);
            line.MarginZone = centre < height * Fraction ? -1 : centre > height * (1 - Fraction) ? 1 : 0;
        }
        if (lines.Count < 2)
        {
            return;
        }
        if (!lines.Any(l => l.MarginZone < 0))
        {
            var first = lines.MinBy(Centre)!;
            MarkEdgeLine(lines, first, Centre(first) < height * OuterFraction, -1);
        }
        if (!lines.Any(l => l.MarginZone > 0))
        {
            var last = lines.MaxBy(Centre)!;
            MarkEdgeLine(lines, last, Centre(last) > height * (1 - OuterFraction), 1);
        }
    }

    /// <summary>The edge line and those beside it on the same baseline ("Kenya Subsidiary Legislation, 2024" and "261").</summary>
    private static void MarkEdgeLine(IReadOnlyList<LayoutLine> lines, LayoutLine edge, bool nearEdge, int zone)
    {
        if (!nearEdge)
        {
            return;
        }
        foreach (var line in lines.Where(l => Math.Abs(Centre(l) - Centre(edge)) <= edge.Height / 2))
        {
            line.MarginZone = zone;
            line.OuterMargin = true;
        }
    }

    private static double Centre(LayoutLine line) => (line.Top + line.Bottom) / 2;
}
