using System.Text;

namespace Meditron.Ingestion.Extraction;

/// <summary>Joins lines into running text: ligatures expanded, hyphenation at line ends repaired, whitespace collapsed.</summary>
internal static class TextNormalizer
{
    /// <summary>Joins lines; "treat-" + "ment" becomes "treatment" when the next line starts in lower case.</summary>
    public static string JoinLines(IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = Clean(raw);
            if (line.Length == 0)
            {
                continue;
            }

            if (sb.Length == 0)
            {
                sb.Append(line);
            }
            else if (EndsWithSplitWord(sb) && char.IsLower(line[0]))
            {
                sb.Length--; // drop the hyphen and join the halves
                sb.Append(line);
            }
            else
            {
                sb.Append(' ').Append(line);
            }
        }

        return sb.ToString();
    }

    /// <summary>What PDF text extraction gives for a glyph that maps to no character.</summary>
    public const string Undecodable = "\uFFFD";

    /// <summary>
    /// Expands ligatures and other compatibility characters, removes control characters, collapses whitespace.
    /// An undecodable glyph (U+FFFD) is read as a space: in the corpus it is the space glyph of fonts that map
    /// only that glyph to nothing ("Itchy\uFFFDrash"); pages where most glyphs are undecodable go to OCR instead.
    /// </summary>
    public static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch) || char.IsControl(ch) || ch == '\uFFFD')
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            if (ch is >= '\uFB00' and <= '\uFB06')
            {
                sb.Append(ch.ToString().Normalize(NormalizationForm.FormKC));
            }
            else
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }

    private static bool EndsWithSplitWord(StringBuilder sb) =>
        sb.Length >= 2 && sb[^1] is '-' or '\u00AD' or '\u2010' && char.IsLetter(sb[^2]);
}
