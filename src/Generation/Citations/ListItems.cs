namespace Meditron.Generation.Citations;

/// <summary>
/// A lead-in ending in ":" and the bulleted or numbered items after it form one list, and a list is cited once: a model
/// writes "Do not:" and its items with the marker at the end of the last. Each item of a cited list carries the
/// list's citations, so the check keeps the items instead of dropping them as uncited claims.
/// </summary>
internal static class ListItems
{
    /// <summary>Items after one lead-in, at most; a longer run is not read as one list.</summary>
    public const int MaxItems = 12;

    public static IReadOnlyList<ParsedSentence> InheritCitations(IReadOnlyList<ParsedSentence> sentences)
    {
        var result = sentences.ToList();
        for (var leadIn = 0; leadIn < result.Count; leadIn++)
        {
            if (!IsLeadIn(result[leadIn]))
            {
                continue;
            }
            var last = leadIn;
            while (last + 1 < result.Count && last - leadIn < MaxItems && result[last + 1].IsBulleted && !IsLeadIn(result[last + 1]))
            {
                last++;
            }
            if (last == leadIn)
            {
                continue;
            }
            var cited = result.Skip(leadIn).Take(last - leadIn + 1).SelectMany(s => s.Citations).Distinct().ToList();
            if (cited.Count > 0)
            {
                for (var item = leadIn + 1; item <= last; item++)
                {
                    var citations = result[item].Citations.Count == 0 ? cited : result[item].Citations;
                    result[item] = result[item] with { Citations = citations, IsListItem = true };
                }
            }
            leadIn = last;
        }
        return result;
    }

    private static bool IsLeadIn(ParsedSentence sentence) => sentence.PlainText.TrimEnd().EndsWith(':');
}
