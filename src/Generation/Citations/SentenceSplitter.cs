using System.Text.RegularExpressions;
using Meditron.Core.Text;

namespace Meditron.Generation.Citations;

/// <summary>A sentence of a text: <c>source.Substring(Start, Length) == Text</c>.</summary>
public readonly record struct SentenceSpan(int Start, int Length, string Text);

/// <summary>
/// Splits English, French and Spanish text into sentences. A sentence ends at . ! ? … (with closing quotes
/// or brackets and any citation markers that follow), at a blank line, before a bullet line or a bullet
/// glyph inside a line ("... are: • frequent feeds • calories ..."); not after abbreviations ("e.g.",
/// "approx."), inside decimals ("2.5 mg"), or before a lowercase word. Leading bullet glyphs are not part
/// of a sentence.
/// </summary>
public static partial class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "vs", "cf", "approx", "dr", "mr", "mrs", "prof", "fig", "figs", "vol", "p", "pp", "pg", "para", "al",
        "sr", "jr", "incl", "dept", "inc", "ltd", "ibid", "viz", "refs", "sect", "chap",
        // French and Spanish
        "p.ex", "c.-à-d", "c.-a-d", "mme", "mlle", "dra", "sra", "srta", "uds", "pág", "núm", "aprox", "p.ej",
    };

    public static IReadOnlyList<SentenceSpan> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<SentenceSpan>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n' && IsLineBreakBoundary(text, i))
            {
                Add(text, start, i, result);
                start = i + 1;
                i++;
                continue;
            }
            if (i > start && (IsInlineListGlyph(text, i) || IsLetterOBullet(text, i)))
            {
                Add(text, start, i, result);
                start = i;
                i++;
                continue;
            }
            if (c == '[' && i > start && EndsAtMarker(text, i, out var afterMarker))
            {
                Add(text, start, afterMarker, result);
                start = afterMarker;
                i = afterMarker;
                continue;
            }
            if (!IsTerminal(c))
            {
                i++;
                continue;
            }

            var end = i + 1;
            while (end < text.Length && (IsTerminal(text[end]) || IsCloser(text[end])))
            {
                end++;
            }
            // French typography: "... besoin. »"
            if (end + 1 < text.Length && text[end] is ' ' or '\u00A0' or '\u202F' && text[end + 1] == '»')
            {
                end += 2;
            }
            if (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                // "2.5", "e.g.x", "www.who.int", "?!" handled above: not a boundary.
                i = end;
                continue;
            }
            if (c == '.' && end == i + 1 && (IsAbbreviation(text, i) || EndsEnumerator(text, start, i)))
            {
                i = end;
                continue;
            }

            // Absorb whitespace and citation markers that follow the punctuation ("... twice daily. [1][2]").
            var next = end;
            var afterMarkers = end;
            while (true)
            {
                var j = afterMarkers;
                while (j < text.Length && char.IsWhiteSpace(text[j]))
                {
                    j++;
                }
                if (j < text.Length && text[j] == '[' && CitationParser.TryMatchMarkerAt(text, j, out var markerLength))
                {
                    afterMarkers = j + markerLength;
                    continue;
                }
                next = j;
                break;
            }

            if (next < text.Length && char.IsLower(text[next]) && afterMarkers == end && c != '?' && c != '!')
            {
                // "approx. five" or a sentence-internal period: keep going.
                i = end;
                continue;
            }

            Add(text, start, afterMarkers, result);
            start = afterMarkers;
            i = afterMarkers;
        }
        Add(text, start, text.Length, result);
        return result;
    }

    /// <summary>A list glyph standing alone between spaces. PDF symbol fonts put bullets in the private use area (U+F0B7).</summary>
    private static bool IsInlineListGlyph(string text, int i) =>
        ListMarks.IsListGlyph(text[i])
        && (i == 0 || char.IsWhiteSpace(text[i - 1]))
        && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]));

    /// <summary>
    /// Word-processor sub-bullets often extract as a lone "o" before a capitalised word ("recommended o If
    /// hands are dirty ..."); a lone "o" then an acronym ("VIH o SIDA") is Spanish "or".
    /// </summary>
    private static bool IsLetterOBullet(string text, int i) =>
        text[i] == 'o' && (i == 0 || char.IsWhiteSpace(text[i - 1])) && i + 3 < text.Length && text[i + 1] == ' '
        && char.IsUpper(text[i + 2]) && char.IsLower(text[i + 3]);

    private static bool IsTerminal(char c) => c is '.' or '!' or '?' or '…' or '。';

    private static bool IsCloser(char c) => c is ')' or ']' or '"' or '\'' or '»' or '”' or '’' or '›';

    private static bool IsAbbreviation(string text, int dot)
    {
        var s = dot;
        while (s > 0 && (char.IsLetter(text[s - 1]) || text[s - 1] == '.' || text[s - 1] == '-'))
        {
            s--;
        }
        if (s == dot)
        {
            return false;
        }
        var token = text[s..dot];
        if (Abbreviations.Contains(token))
        {
            return true;
        }
        // Single letters and dotted initialisms: "J.", "U.S."
        return token.Length == 1 && char.IsUpper(token[0]) || token.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>
    /// The "." of "2." or "b." that opens a list item does not end a sentence: at the start of a sentence, or
    /// inline after ":", ";" or "," ("persons who: 1. Sleep in the household; 2. Touch the case").
    /// </summary>
    private static bool EndsEnumerator(string text, int start, int dot)
    {
        var token = dot;
        while (token > start && !char.IsWhiteSpace(text[token - 1]))
        {
            token--;
        }
        if (dot - token is < 1 or > 4 || !EnumeratorToken().IsMatch(text.AsSpan(token, dot - token)))
        {
            return false;
        }
        var before = token - 1;
        while (before >= start && char.IsWhiteSpace(text[before]))
        {
            before--;
        }
        return before < start || text[before] is ':' or ';' or ',';
    }

    /// <summary>"2. ", "b) ", "(iv) " opening a list item: its number is not part of the sentence's claim.</summary>
    private static int LeadingEnumeratorLength(string text, int start, int end)
    {
        var match = LeadingEnumerator().Match(text, start, Math.Min(end - start, 8));
        return match.Success && match.Index == start && match.Length < end - start ? match.Length : 0;
    }

    private static bool IsLeadingListGlyph(string text, int i, int end) =>
        ListMarks.IsListGlyph(text[i]) && (i + 1 == end || char.IsWhiteSpace(text[i + 1]));

    /// <summary>
    /// A citation marker followed by a new capitalised sentence or a list item ends its sentence even without a full
    /// stop: a cited table row or list item ("… 100 ml/kg per day [2] Give: …") is a claim of its own.
    /// </summary>
    private static bool EndsAtMarker(string text, int i, out int afterMarker)
    {
        afterMarker = i;
        if (!CitationParser.TryMatchMarkerAt(text, i, out var length))
        {
            return false;
        }
        var j = i + length;
        while (j < text.Length && char.IsWhiteSpace(text[j]))
        {
            j++;
        }
        if (j == i + length || j >= text.Length || !(char.IsUpper(text[j]) || ListMarks.IsListGlyph(text[j])))
        {
            return false;
        }
        afterMarker = i + length;
        return true;
    }

    private static bool IsLineBreakBoundary(string text, int newline)
    {
        var j = newline + 1;
        while (j < text.Length && text[j] is ' ' or '\t' or '\r')
        {
            j++;
        }
        if (j >= text.Length)
        {
            return false;
        }
        if (text[j] == '\n')
        {
            return true; // blank line
        }
        if (ListMarks.IsBullet(text[j]) && j + 1 < text.Length && char.IsWhiteSpace(text[j + 1]))
        {
            return true; // bullet line
        }
        if (text[j] == '#')
        {
            return true; // markdown heading
        }
        // "1. Give ..." or "b) Give ..." list item
        var k = j;
        while (k < text.Length && char.IsDigit(text[k]))
        {
            k++;
        }
        if (k == j && char.IsLower(text[j]) && j + 1 < text.Length && text[j + 1] is '.' or ')')
        {
            k = j + 1;
        }
        if (k > j && k + 1 < text.Length && text[k] is '.' or ')' && text[k + 1] == ' ')
        {
            return true;
        }
        if (EndsCapitalsLine(text, newline) && StartsSentence(text[j]) && LineHasLowercase(text, j))
        {
            return true; // "1. RECOMMENDATION ON BLOOD PRESSURE THRESHOLD …\nWHO recommends …": a heading of any length
        }
        if (EndsHeadingLine(text, newline) && StartsSentence(text[j]))
        {
            return true; // "SNAKE BITE\nIf itching ...": a heading is not part of the sentence below it
        }
        if (char.IsUpper(text[j]) && LastCharBefore(text, newline) == ';')
        {
            return true; // "… or separated child;\nInterviews of children.": a clause closed by ';', then a new statement or a side note
        }
        // A line ending with ':' is a heading: a boundary before and after it.
        var lineEnd = text.IndexOf('\n', j);
        var nextLine = (lineEnd < 0 ? text[j..] : text[j..lineEnd]).TrimEnd();
        if (nextLine.EndsWith(':'))
        {
            return true;
        }
        return LastCharBefore(text, newline) == ':';
    }

    /// <summary>The last character of the line ending at <paramref name="newline"/>, trailing spaces aside ('\0' at the start).</summary>
    private static char LastCharBefore(string text, int newline)
    {
        var p = newline - 1;
        while (p >= 0 && text[p] is ' ' or '\t' or '\r')
        {
            p--;
        }
        return p >= 0 ? text[p] : '\0';
    }

    /// <summary>A line that opens a list item: a bullet or list glyph, or a list number ("2.", "b)", "(3)").</summary>
    internal static bool StartsListItem(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Length > 0 && (ListMarks.IsBullet(line[0]) || ListNumber().IsMatch(line));
    }

    /// <summary>Words a heading line has at most.</summary>
    private const int MaxHeadingWords = 12;

    /// <summary>Words a numbered heading line ("5.2 Establish a district, regional, and national …") has at most.</summary>
    private const int MaxNumberedHeadingWords = 24;

    /// <summary>
    /// A numbered section heading: a section number of two levels or more ("5.2", "6.2.1") before a capitalised word,
    /// no closing punctuation, a heading's length. A heading names what follows; alone it answers nothing.
    /// </summary>
    public static bool IsNumberedHeading(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Trim();
        return text.Length > 0 && !IsTerminal(text[^1]) && text[^1] is not (',' or ';' or ':')
            && NumberedHeading().IsMatch(text) && TextFolding.CountWords(text) <= MaxNumberedHeadingWords;
    }

    /// <summary>
    /// Whether a bullet or list number opens <paramref name="sentence"/> (a span of <paramref name="text"/> that follows
    /// <paramref name="gapStart"/>): the splitter leaves glyphs and numbers out of the sentence, so they are in the gap
    /// before it; "- " and "* " stay in the sentence.
    /// </summary>
    public static bool OpensWithMark(string text, int gapStart, SentenceSpan sentence)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = gapStart; i < sentence.Start; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return true;
            }
        }
        return sentence.Text.StartsWith("- ", StringComparison.Ordinal) || sentence.Text.StartsWith("* ", StringComparison.Ordinal);
    }

    /// <summary>A line of two words or more (four letters or more) in capitals, without closing punctuation.</summary>
    private static bool EndsCapitalsLine(string text, int newline)
    {
        var (_, line) = LineBefore(text, newline);
        if (line.Length == 0 || line[^1] is '.' or ',' or ';' or ':' or '!' or '?' or '-' or '–' or '/' or '&' || TextFolding.CountWords(line) < 2)
        {
            return false;
        }
        return line.Count(char.IsLetter) >= 4 && TextFolding.IsInCapitals(line);
    }

    /// <summary>The line from <paramref name="start"/> holds a lower-case letter: prose, not a heading's second line in capitals.</summary>
    private static bool LineHasLowercase(string text, int start)
    {
        var end = text.IndexOf('\n', start);
        for (var i = start; i < (end < 0 ? text.Length : end); i++)
        {
            if (char.IsLower(text[i]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The line ending at <paramref name="newline"/> reads as a heading (or a running header): short, without closing
    /// punctuation, and starting the text or following a finished sentence, so it cannot be a wrapped sentence's end.
    /// </summary>
    private static bool EndsHeadingLine(string text, int newline)
    {
        var (lineStart, line) = LineBefore(text, newline);
        if (line.Length == 0 || line[^1] is '.' or ',' or ';' or ':' or '!' or '?' or '-')
        {
            return false;
        }
        if (IsNumberedHeading(line))
        {
            return true; // its number says it is a heading, whatever comes before it
        }
        if (TextFolding.CountWords(line) > MaxHeadingWords)
        {
            return false;
        }
        var before = text[..lineStart].TrimEnd();
        return before.Length == 0 || IsTerminal(before[^1]) || before[^1] == ':';
    }

    /// <summary>The line that ends at <paramref name="newline"/>, trimmed, and where it starts.</summary>
    private static (int Start, string Line) LineBefore(string text, int newline)
    {
        var lineStart = newline == 0 ? 0 : text.LastIndexOf('\n', newline - 1) + 1;
        return (lineStart, text[lineStart..newline].Trim());
    }

    /// <summary>A line that can open a sentence: a capital, a digit, or an opening bracket or quote.</summary>
    private static bool StartsSentence(char c) => char.IsUpper(c) || char.IsDigit(c) || c is '(' or '[' or '"' or '“' or '«' or '¿' or '¡';

    private static void Add(string text, int start, int end, List<SentenceSpan> result)
    {
        while (start < end && (char.IsWhiteSpace(text[start]) || IsLeadingListGlyph(text, start, end)))
        {
            start++;
        }
        start += LeadingEnumeratorLength(text, start, end);
        if (start < end && IsLetterOBullet(text, start))
        {
            start += 2;
        }
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        if (end > start)
        {
            result.Add(new SentenceSpan(start, end - start, text[start..end]));
        }
    }

    [GeneratedRegex(@"^\(?(?:\d{1,2}|[a-z])[.)]")]
    private static partial Regex ListNumber();

    [GeneratedRegex(@"^\d{1,2}(?:\.\d{1,2}){1,3}\.? +\p{Lu}")]
    private static partial Regex NumberedHeading();

    [GeneratedRegex(ListMarks.Enumerator + @"[.)] +")]
    private static partial Regex LeadingEnumerator();

    [GeneratedRegex("^" + ListMarks.Enumerator + "$")]
    private static partial Regex EnumeratorToken();
}
