namespace Meditron.Ingestion.Chunking;

/// <summary>Cuts paragraph text at sentence boundaries, and text that is still too long at word (or, last, character) boundaries.</summary>
internal static class TextSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "cf", "vs", "approx", "incl", "fig", "dr", "mr", "mrs", "ms", "prof", "no", "vol", "p", "pp",
        "ed", "eds", "al", "min", "max", "resp", "ref", "approx", "sr", "jr", "st", "env", "cap", "chap", "sect",
        "p.ex", "c.-à-d", "cf", "etc", "ej", "pág", "núm", "aprox", "dra", "sra", "sr",
    };

    /// <summary>Sentences of <paramref name="text"/>, trimmed; <c>NewLine</c> tells whether a line break preceded it.</summary>
    public static List<(string Text, bool NewLine)> Sentences(string text)
    {
        var result = new List<(string, bool)>();
        var start = 0;
        var newLineBefore = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                Add(result, text, start, i, newLineBefore);
                start = i + 1;
                newLineBefore = true;
                continue;
            }

            if (c is '.' or '?' or '!' or ';' && i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]) && text[i + 1] != '\n'
                && IsSentenceEnd(text, start, i))
            {
                if (Add(result, text, start, i + 1, newLineBefore))
                {
                    newLineBefore = false;
                }

                start = i + 1;
            }
        }

        Add(result, text, start, text.Length, newLineBefore);
        return result;
    }

    /// <summary>Words of <paramref name="text"/> (split on white space).</summary>
    public static string[] Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Pieces of at most <paramref name="budget"/> tokens (by <paramref name="cost"/>), cut between words; a word that is
    /// itself too long is cut between characters.
    /// </summary>
    public static List<string> ToFit(string text, int budget, Func<string, int> cost)
    {
        var pieces = new List<string>();
        if (cost(text) <= budget)
        {
            pieces.Add(text);
            return pieces;
        }

        var current = new List<string>();
        var used = 0;
        foreach (var word in Words(text))
        {
            var wordCost = cost(word);
            if (wordCost > budget)
            {
                Flush();
                foreach (var part in CutCharacters(word, budget, cost))
                {
                    pieces.Add(part);
                }

                continue;
            }

            if (used + wordCost > budget)
            {
                Flush();
            }

            current.Add(word);
            used += wordCost;
        }

        Flush();
        return pieces;

        void Flush()
        {
            if (current.Count > 0)
            {
                pieces.Add(string.Join(' ', current));
                current.Clear();
                used = 0;
            }
        }
    }

    /// <summary>The longest run of whole words at the end of <paramref name="text"/> that costs at most <paramref name="budget"/>.</summary>
    public static string TailWords(string text, int budget, Func<string, int> cost)
    {
        var words = Words(text);
        var used = 0;
        var first = words.Length;
        while (first > 0)
        {
            var wordCost = cost(words[first - 1]);
            if (used + wordCost > budget)
            {
                break;
            }

            used += wordCost;
            first--;
        }

        return first == words.Length ? "" : string.Join(' ', words, first, words.Length - first);
    }

    private static List<string> CutCharacters(string word, int budget, Func<string, int> cost)
    {
        var parts = new List<string>();
        var rest = word;
        while (rest.Length > 0)
        {
            if (cost(rest) <= budget)
            {
                parts.Add(rest);
                break;
            }

            // Longest prefix that fits (binary search; at least one character so that the loop ends).
            int low = 1, high = rest.Length - 1;
            while (low < high)
            {
                var mid = (low + high + 1) / 2;
                if (cost(rest[..mid]) <= budget)
                {
                    low = mid;
                }
                else
                {
                    high = mid - 1;
                }
            }

            parts.Add(rest[..low]);
            rest = rest[low..];
        }

        return parts;
    }

    private static bool IsSentenceEnd(string text, int start, int index)
    {
        if (text[index] != '.')
        {
            return true;
        }

        // "e.g. children", "3.5 mg. per kg": a lower-case or digit continuation is not a new sentence.
        var next = index + 1;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        if (next < text.Length && (char.IsLower(text[next]) || char.IsDigit(text[next])))
        {
            return false;
        }

        // The word before the full stop: an abbreviation or a single letter (an initial) does not end a sentence.
        var wordStart = index;
        while (wordStart > start && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] != '(')
        {
            wordStart--;
        }

        var word = text[wordStart..index];
        return word.Length > 1 && !Abbreviations.Contains(word);
    }

    private static bool Add(List<(string, bool)> result, string text, int start, int end, bool newLine)
    {
        var piece = text[start..end].Trim();
        if (piece.Length == 0)
        {
            return false;
        }

        result.Add((piece, newLine || result.Count == 0));
        return true;
    }
}
