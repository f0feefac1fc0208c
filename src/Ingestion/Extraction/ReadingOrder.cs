namespace Meditron.Ingestion.Extraction;

/// <summary>Something placed on the page: a line, or a whole table that is ordered as one unit.</summary>
internal sealed record PlacedItem(double Left, double Right, double Top, double Bottom, LayoutLine? Line, DetectedTable? Table)
{
    public static PlacedItem Of(LayoutLine line) => new(line.Left, line.Right, line.Top, line.Bottom, line, null);

    public static PlacedItem Of(DetectedTable table) => new(
        table.Lines.Min(l => l.Left), table.Lines.Max(l => l.Right),
        table.Lines.Min(l => l.Top), table.Lines.Max(l => l.Bottom), null, table);
}

/// <summary>
/// Column-aware reading order by recursive XY-cut: split at wide horizontal gaps (paragraphs,
/// full-width breaks), then at vertical gutters (columns, left to right), then at the horizontal
/// gap that separates a full-width item from a multi-column area. The leaves come out in reading order.
/// </summary>
internal static class ReadingOrder
{
    private const int MaxDepth = 40;
    private const int MaxGapTries = 8;

    public static List<List<PlacedItem>> Order(List<PlacedItem> items)
    {
        var leaves = new List<List<PlacedItem>>();
        if (items.Count == 0)
        {
            return leaves;
        }

        var heights = items.Where(i => i.Line is not null).Select(i => i.Bottom - i.Top).Order().ToList();
        var lineHeight = heights.Count > 0 ? heights[heights.Count / 2] : 10;
        Cut(items, lineHeight, 0, leaves);
        return leaves;
    }

    private static void Cut(List<PlacedItem> items, double lineHeight, int depth, List<List<PlacedItem>> leaves)
    {
        if (items.Count <= 1 || depth > MaxDepth)
        {
            leaves.Add(SortTopDown(items));
            return;
        }

        var horizontal = Gaps(items, vertical: true);
        var wide = horizontal.Where(g => g.Size >= Math.Max(lineHeight, g.Between) * 0.9).ToList();
        if (wide.Count > 0)
        {
            foreach (var part in SplitAt(items, wide, vertical: true))
            {
                Cut(part, lineHeight, depth + 1, leaves);
            }

            return;
        }

        var gutters = Gaps(items, vertical: false).Where(g => g.Size >= lineHeight * 0.9).ToList();
        if (gutters.Count > 0)
        {
            foreach (var part in SplitAt(items, gutters, vertical: false))
            {
                Cut(part, lineHeight, depth + 1, leaves);
            }

            return;
        }

        // A full-width line (a title) above or below columns: find a horizontal gap after which a gutter appears.
        foreach (var gap in horizontal.OrderByDescending(g => g.Size).Take(MaxGapTries))
        {
            var parts = SplitAt(items, [gap], vertical: true);
            if (parts.Any(p => p.Count > 1 && Gaps(p, vertical: false).Any(g => g.Size >= lineHeight * 0.9)))
            {
                foreach (var part in parts)
                {
                    Cut(part, lineHeight, depth + 1, leaves);
                }

                return;
            }
        }

        leaves.Add(SortTopDown(items));
    }

    private static List<PlacedItem> SortTopDown(List<PlacedItem> items)
    {
        items.Sort(static (a, b) =>
        {
            var c = a.Top.CompareTo(b.Top);
            return Math.Abs(a.Top - b.Top) < 1 ? a.Left.CompareTo(b.Left) : c;
        });
        return items;
    }

    /// <summary>
    /// A gap in a projection. <see cref="Between"/> is the smaller height of the two lines it separates (0 beside a
    /// table or across the x axis): the leading between two lines of a large heading is wider than body text's line
    /// height, yet smaller than the heading's own lines, and must not cut the heading in two.
    /// </summary>
    private readonly record struct Gap(double Start, double End, double Between = 0)
    {
        public double Size => End - Start;
    }

    /// <summary>Gaps in the projection of the items on the y axis (vertical: true) or on the x axis.</summary>
    private static List<Gap> Gaps(List<PlacedItem> items, bool vertical)
    {
        var spans = items.Select(i => vertical ? (i.Top, i.Bottom, i) : (i.Left, i.Right, i)).ToList();
        spans.Sort(static (a, b) => a.Item1.CompareTo(b.Item1));
        var gaps = new List<Gap>();
        var reach = spans[0];
        for (var i = 1; i < spans.Count; i++)
        {
            if (spans[i].Item1 > reach.Item2)
            {
                gaps.Add(new Gap(reach.Item2, spans[i].Item1, vertical ? Math.Min(LineHeight(reach.i), LineHeight(spans[i].i)) : 0));
            }

            if (spans[i].Item2 > reach.Item2)
            {
                reach = spans[i];
            }
        }

        return gaps;
    }

    private static double LineHeight(PlacedItem item) => item.Line is null ? 0 : item.Bottom - item.Top;

    private static List<List<PlacedItem>> SplitAt(List<PlacedItem> items, List<Gap> gaps, bool vertical)
    {
        var cuts = gaps.Select(g => (g.Start + g.End) / 2).Order().ToArray();
        var parts = new List<PlacedItem>[cuts.Length + 1];
        for (var p = 0; p < parts.Length; p++)
        {
            parts[p] = [];
        }

        foreach (var item in items)
        {
            var position = vertical ? item.Top : item.Left;
            var index = Array.BinarySearch(cuts, position);
            parts[index < 0 ? ~index : index].Add(item);
        }

        return parts.Where(p => p.Count > 0).ToList();
    }
}
