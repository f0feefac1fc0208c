namespace Meditron.Ingestion.Extraction;

/// <summary>Turns reading-ordered leaves into blocks: a new block starts at a vertical gap or a change of style.</summary>
internal static class BlockBuilder
{
    public static void Build(List<List<PlacedItem>> leaves, List<LayoutBlock> blocks)
    {
        foreach (var leaf in leaves)
        {
            var leafLeft = leaf.Min(i => i.Left);
            var leafRight = leaf.Max(i => i.Right);
            var current = new List<LayoutLine>();
            foreach (var item in leaf)
            {
                if (item.Table is { } table)
                {
                    Flush(current, blocks);
                    blocks.Add(new LayoutBlock(LayoutBlockKind.Table, table.Lines) { TableRows = table.Rows });
                    continue;
                }

                var line = item.Line!;
                if (current.Count > 0 && StartsNewBlock(current[^1], line, leafLeft, leafRight))
                {
                    Flush(current, blocks);
                }

                current.Add(line);
            }

            Flush(current, blocks);
        }
    }

    private static bool StartsNewBlock(LayoutLine previous, LayoutLine line, double leafLeft, double leafRight)
    {
        // Bold lines: a short line followed by another is a heading followed by a sub-heading, not a wrap.
        if (previous.Bold && line.Bold && (previous.Right < leafRight - ((leafRight - leafLeft) * 0.3) || StartsWithSectionNumber(line.Text)))
        {
            return true;
        }

        var gap = line.Top - previous.Bottom;
        if (gap > Math.Max(previous.Height, line.Height) * 0.8)
        {
            return true;
        }

        var sizeRatio = line.FontSize / Math.Max(0.1, previous.FontSize);
        return sizeRatio > 1.12 || sizeRatio < 1 / 1.12 || line.Bold != previous.Bold;
    }

    private static bool StartsWithSectionNumber(string text)
    {
        var i = 0;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        return i > 0 && i < text.Length && text[i] == ' ' && char.IsAsciiDigit(text[0]);
    }

    private static void Flush(List<LayoutLine> current, List<LayoutBlock> blocks)
    {
        if (current.Count > 0)
        {
            blocks.Add(new LayoutBlock(LayoutBlockKind.Text, current.ToList()));
            current.Clear();
        }
    }
}
