using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Meditron.Generation.Citations;

/// <summary>Lowercasing, accent stripping and word splitting shared by quote selection and extractive scoring.</summary>
public static partial class TextFolding
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        // English
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as",
        "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "there",
        "what", "which", "who", "whom", "when", "where", "why", "how", "do", "does", "did", "should", "would", "could",
        "can", "may", "might", "must", "shall", "will", "i", "we", "you", "he", "she", "they", "my", "our", "your",
        "his", "her", "their", "not", "no", "so", "than", "then", "into", "about", "any", "all", "some", "much", "many",
        "have", "has", "had",
        // French
        "le", "la", "les", "un", "une", "des", "du", "de", "d", "l", "et", "ou", "mais", "si", "au", "aux", "en",
        "dans", "sur", "par", "pour", "avec", "sans", "est", "sont", "etre", "ce", "cet", "cette", "ces", "qui", "que",
        "quoi", "quel", "quelle", "quels", "quelles", "comment", "combien", "quand", "ou", "je", "nous", "vous", "il",
        "elle", "ils", "elles", "son", "sa", "ses", "leur", "leurs", "ne", "pas", "faut", "doit", "peut", "qu", "c", "s",
        // Spanish
        "el", "los", "las", "una", "unos", "unas", "y", "o", "pero", "del", "al", "con", "sin", "por", "para", "es",
        "son", "ser", "esta", "este", "estos", "estas", "ese", "esa", "que", "cual", "cuales", "como", "cuanto",
        "cuanta", "cuantos", "cuantas", "cuando", "donde", "se", "su", "sus", "lo", "yo", "usted", "ellos", "debe",
        "puede", "hay",
    };

    /// <summary>Lowercase (invariant) without diacritics: "Fièvre" → "fievre".</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(ch);
            }
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The folded words (letters/digits runs) of a text.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var folded = Fold(text);
        return WordRegex().Matches(folded).Select(m => m.Value).ToList();
    }

    /// <summary>The distinct folded words of a text that are not stop words.</summary>
    public static HashSet<string> ContentWords(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in Words(text))
        {
            if (!StopWords.Contains(w))
            {
                set.Add(w);
            }
        }
        return set;
    }

    /// <summary>Dice coefficient of two word sets: their overlap without favouring the longer text (0 when both are empty).</summary>
    public static double WordShare(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Count + b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);
    }

    /// <summary>At least nine in ten of the text's letters are capitals (none: false).</summary>
    public static bool IsInCapitals(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var letters = text.Where(char.IsLetter).ToList();
        return letters.Count > 0 && letters.Count(char.IsUpper) * 10 >= letters.Count * 9;
    }

    /// <summary>Number of words (runs of letters or digits) in a text.</summary>
    public static int CountWords(string text) => WordRegex().Count(text);

    /// <summary>Collapses runs of whitespace (line breaks of extracted PDF text) into single spaces.</summary>
    public static string CollapseWhitespace(string text) => WhitespaceRegex().Replace(text, " ").Trim();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
