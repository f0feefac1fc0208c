using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Meditron.Generation.Citations;

/// <summary>A citation marker in a text: "[1]", "[1,2]", "[1, 2]", "[1-3]"; numbers in order, ranges expanded.</summary>
public sealed record CitationMarker(int Start, int Length, IReadOnlyList<int> Numbers);

/// <summary>
/// One sentence of an answer. <see cref="Text"/> keeps the markers that point to evidence (invalid ones removed);
/// <see cref="PlainText"/> has no markers; <see cref="Citations"/> lists the valid cited numbers in order of use.
/// </summary>
public sealed record ParsedSentence(string Text, string PlainText, IReadOnlyList<int> Citations)
{
    /// <summary>The sentence follows a bullet or a list number ("- ", "•", "2."): an item of a list when a lead-in precedes it.</summary>
    public bool IsBulleted { get; init; }

    /// <summary>An item of a cited list (after a lead-in ending in ":"), shown on its own line.</summary>
    public bool IsListItem { get; init; }
}

/// <summary>Finds [n] markers in a model's answer and ties them to its sentences.</summary>
public static partial class CitationParser
{
    /// <summary>Ranges wider than this ("[1-9999]") are not citations.</summary>
    public const int MaxRangeWidth = 20;

    public static IReadOnlyList<CitationMarker> FindMarkers(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var markers = new List<CitationMarker>();
        foreach (Match m in MarkerRegex().Matches(text))
        {
            if (TryParseNumbers(m.Groups["body"].Value, out var numbers))
            {
                markers.Add(new CitationMarker(m.Index, m.Length, numbers));
            }
        }
        return markers;
    }

    /// <summary>Splits an answer into sentences, each with the cited numbers that exist in <paramref name="evidenceNumbers"/>.</summary>
    public static IReadOnlyList<ParsedSentence> Parse(string answer, IReadOnlyCollection<int> evidenceNumbers)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(evidenceNumbers);
        var valid = evidenceNumbers as ISet<int> ?? new HashSet<int>(evidenceNumbers);
        var sentences = new List<ParsedSentence>();
        var previousEnd = 0;
        foreach (var span in SentenceSplitter.Split(answer))
        {
            var bulleted = SentenceSplitter.OpensWithMark(answer, previousEnd, span);
            previousEnd = span.Start + span.Length;
            var cited = new List<int>();
            foreach (var marker in FindMarkers(span.Text))
            {
                foreach (var n in marker.Numbers)
                {
                    if (valid.Contains(n) && !cited.Contains(n))
                    {
                        cited.Add(n);
                    }
                }
            }
            var text = RewriteMarkers(span.Text, n => valid.Contains(n) ? n : null);
            var plain = RewriteMarkers(span.Text, _ => null);
            if (plain.Length == 0 && cited.Count == 0)
            {
                continue; // a sentence made only of invalid markers
            }
            sentences.Add(new ParsedSentence(text, plain, cited) { IsBulleted = bulleted });
        }
        return sentences;
    }


    /// <summary>A sentence without the "- " or "* " that opens a list item.</summary>
    public static string WithoutBullet(string sentence) =>
        sentence.StartsWith("- ", StringComparison.Ordinal) || sentence.StartsWith("* ", StringComparison.Ordinal) ? sentence[2..] : sentence;

    /// <summary>
    /// Rewrites every marker through <paramref name="map"/> (null drops a number); a marker left with no
    /// number is removed with the space before it. Numbers print as "[1]" or "[1, 2]".
    /// </summary>
    public static string RewriteMarkers(string text, Func<int, int?> map)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(map);
        var markers = FindMarkers(text);
        if (markers.Count == 0)
        {
            return text.Trim();
        }
        var sb = new StringBuilder(text.Length);
        var pos = 0;
        foreach (var marker in markers)
        {
            sb.Append(text, pos, marker.Start - pos);
            var mapped = new List<int>();
            foreach (var n in marker.Numbers)
            {
                if (map(n) is { } m && !mapped.Contains(m))
                {
                    mapped.Add(m);
                }
            }
            if (mapped.Count == 0)
            {
                while (sb.Length > 0 && sb[^1] is ' ' or '\t')
                {
                    sb.Length--;
                }
            }
            else
            {
                sb.Append('[').Append(string.Join(", ", mapped.Select(n => n.ToString(CultureInfo.InvariantCulture)))).Append(']');
            }
            pos = marker.Start + marker.Length;
        }
        sb.Append(text, pos, text.Length - pos);
        return sb.ToString().Trim();
    }

    /// <summary>Whether a well-formed marker starts at <paramref name="index"/>.</summary>
    public static bool TryMatchMarkerAt(string text, int index, out int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = MarkerRegex().Match(text, index);
        if (m.Success && m.Index == index && TryParseNumbers(m.Groups["body"].Value, out _))
        {
            length = m.Length;
            return true;
        }
        length = 0;
        return false;
    }

    private static bool TryParseNumbers(string body, out IReadOnlyList<int> numbers)
    {
        var list = new List<int>();
        numbers = list;
        foreach (var raw in body.Split(',', StringSplitOptions.TrimEntries))
        {
            var dash = raw.IndexOfAny(['-', '–', '—']);
            if (dash < 0)
            {
                if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    return false;
                }
                list.Add(n);
                continue;
            }
            if (!int.TryParse(raw[..dash].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(raw[(dash + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                || to < from || to - from > MaxRangeWidth)
            {
                return false;
            }
            for (var k = from; k <= to; k++)
            {
                list.Add(k);
            }
        }
        return list.Count > 0;
    }

    [GeneratedRegex(@"\[(?<body>\s*\d{1,4}\s*(?:[-–—]\s*\d{1,4}\s*)?(?:,\s*\d{1,4}\s*(?:[-–—]\s*\d{1,4}\s*)?)*)\]")]
    private static partial Regex MarkerRegex();
}
