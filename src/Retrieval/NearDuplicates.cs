using System.Globalization;
using System.Text;

namespace Meditron.Retrieval;

/// <summary>Drops passages whose words nearly equal those of a better-ranked passage (the same text printed in two places).</summary>
public static class NearDuplicates
{
    public static List<T> Remove<T>(IEnumerable<T> ranked, Func<T, string> text, double similarity)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        var kept = new List<(T Item, HashSet<string> Words)>();
        foreach (var item in ranked)
        {
            var words = Words(text(item));
            if (!kept.Any(k => Jaccard(k.Words, words) >= similarity))
            {
                kept.Add((item, words));
            }
        }
        return kept.Select(k => k.Item).ToList();
    }

    private static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }
        int shared = a.Count(b.Contains);
        return shared / (double)(a.Count + b.Count - shared);
    }
}
