namespace Meditron.Application.Answering;

/// <summary>
/// The word itself and the words it may be formed from by one regular English inflection or prefix: "heaps" → heap,
/// "tasty" → taste, "snipped" → snip, "rewarm" → warm. Candidates, not a lemmatiser: a caller checks them against a
/// vocabulary. Bases shorter than three letters are left out, so that "bed" never reduces to "b".
/// </summary>
internal static class EnglishWordForms
{
    private const int MinBase = 3;

    private static readonly string[] Suffixes = ["ies", "ied", "ing", "ers", "es", "ed", "er", "ly", "s", "y"];

    private static readonly string[] Prefixes = ["over", "under", "non", "pre", "re", "un"];

    public static IEnumerable<string> Bases(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var lower = word.ToLowerInvariant();
        yield return lower;
        foreach (var suffix in Suffixes.Where(s => lower.Length - s.Length >= MinBase && lower.EndsWith(s, StringComparison.Ordinal)))
        {
            var stem = lower[..^suffix.Length];
            yield return stem;
            yield return stem + "e"; // tasty → taste, hoped → hope
            if (suffix is "ies" or "ied")
            {
                yield return stem + "y"; // babies → baby
            }
            if (stem.Length > MinBase && stem[^1] == stem[^2])
            {
                yield return stem[..^1]; // snipped → snip
            }
        }
        foreach (var prefix in Prefixes.Where(p => lower.Length - p.Length >= MinBase && lower.StartsWith(p, StringComparison.Ordinal)))
        {
            yield return lower[prefix.Length..];
        }
    }
}
