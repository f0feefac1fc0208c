namespace Meditron.Ingestion.Extraction;

/// <summary>Document-wide typography used to judge headings and running headers.</summary>
internal static class DocumentStyle
{
    /// <summary>The most common font size of the document's text, weighted by characters.</summary>
    public static double BodySize(IReadOnlyList<LayoutPage> pages)
    {
        var histogram = new Dictionary<double, int>();
        foreach (var line in pages.SelectMany(p => p.Blocks).SelectMany(b => b.Lines))
        {
            foreach (var word in line.Words)
            {
                var key = Math.Round(word.FontSize * 2) / 2;
                histogram[key] = histogram.GetValueOrDefault(key) + word.Text.Length;
            }
        }

        return histogram.Count == 0 ? 10 : histogram.MaxBy(kv => kv.Value).Key;
    }
}
