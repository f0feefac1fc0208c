using System.Text.RegularExpressions;
using Meditron.Generation.Citations;

namespace Meditron.Generation.Extractive;

/// <summary>
/// Abbreviations a guideline defines ("Public health emergency management committees (PHEMC) should be established"),
/// found with Schwartz and Hearst's algorithm (2003): the short form in brackets, the long form the words before it
/// whose letters hold the short form's letters in order, its first letter opening a word. A sentence that later says
/// only "The PHEMC should have a chairperson" then speaks of a "committee" to a question that asks about one.
/// </summary>
internal static partial class Abbreviations
{
    private const int LongFormReach = 300;

    /// <summary>Each short form (folded, "phemc") defined in the texts, with the content words of its long form.</summary>
    public static Dictionary<string, HashSet<string>> Defined(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var defined = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (Match m in ShortFormRegex().Matches(text))
            {
                var shortForm = m.Groups["short"].Value;
                // The long form is at most twenty words: the text just before the brackets holds it.
                var before = WordRegex().Matches(text[Math.Max(0, m.Index - LongFormReach)..m.Index]).Select(w => w.Value).ToList();
                if (LongForm(shortForm, before) is { } longForm)
                {
                    var key = TextFolding.Fold(shortForm.TrimEnd('s'));
                    defined.TryAdd(key, TextFolding.ContentWords(longForm));
                }
            }
        }
        return defined;
    }

    /// <summary>The words of <paramref name="words"/> plus the long-form words of the abbreviations among them.</summary>
    public static HashSet<string> Expanded(IReadOnlySet<string> words, IReadOnlyDictionary<string, HashSet<string>> defined)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(defined);
        var expanded = new HashSet<string>(words, StringComparer.Ordinal);
        foreach (var word in words)
        {
            if (defined.TryGetValue(word, out var longForm) || (word.EndsWith('s') && defined.TryGetValue(word[..^1], out longForm)))
            {
                expanded.UnionWith(longForm);
            }
        }
        return expanded;
    }

    /// <summary>
    /// The shortest run of the last words before the brackets (at most min(|S| + 5, 2|S|) of them) whose letters hold
    /// the short form's letters in order, read from the end, the first letter opening a word; null when none does.
    /// </summary>
    internal static string? LongForm(string shortForm, IReadOnlyList<string> wordsBefore)
    {
        var letters = shortForm.TrimEnd('s').Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray();
        if (letters.Length < 2 || !char.IsLetter(letters[0]))
        {
            return null;
        }
        var most = Math.Min(letters.Length + 5, 2 * letters.Length);
        for (var count = 1; count <= Math.Min(most, wordsBefore.Count); count++)
        {
            var candidate = string.Join(' ', wordsBefore.Skip(wordsBefore.Count - count)).ToLowerInvariant();
            if (Matches(letters, candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Schwartz–Hearst: each letter of the short form, from the last, found in the long form going left; the first at a word's start.</summary>
    private static bool Matches(char[] letters, string longForm)
    {
        var l = longForm.Length - 1;
        for (var s = letters.Length - 1; s >= 0; s--)
        {
            while (l >= 0 && (longForm[l] != letters[s] || (s == 0 && l > 0 && char.IsLetterOrDigit(longForm[l - 1]))))
            {
                l--;
            }
            if (l < 0)
            {
                return false;
            }
            l--;
        }
        // The long form's first word must give the short form's first letter: no leading words that add nothing.
        return char.ToLowerInvariant(longForm[0]) == letters[0];
    }

    /// <summary>A bracketed short form: two to ten letters or digits, at least two capitals, a plural "s" allowed ("(PHEMCs)").</summary>
    [GeneratedRegex(@"\((?<short>(?=(?:[^)]*\p{Lu}){2})[\p{L}\p{N}-]{2,10})\)")]
    private static partial Regex ShortFormRegex();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’-]*")]
    private static partial Regex WordRegex();
}
