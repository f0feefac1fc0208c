using System.Globalization;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Parser.Parts;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace Meditron.Ingestion.Extraction;

/// <summary>Reads the /PageLabels number tree of the catalog (PdfPig does not expose it).</summary>
internal static class PageLabelReader
{
    private const int MaxDepth = 16;

    /// <summary>One label per page (index 0 = page 1), or null when the document has no usable /PageLabels.</summary>
    public static string?[]? Read(PdfDocument document)
    {
        try
        {
            var catalog = document.Structure.Catalog.CatalogDictionary;
            if (!catalog.TryGet(NameToken.Create("PageLabels"), out var token))
            {
                return null;
            }

            var scanner = document.Structure.TokenScanner;
            var entries = new SortedList<int, DictionaryToken>();
            if (!DirectObjectFinder.TryGet(token, scanner, out DictionaryToken? root) || root is null)
            {
                return null;
            }

            Collect(root, scanner, entries, 0);
            if (entries.Count == 0)
            {
                return null;
            }

            var labels = new string?[document.NumberOfPages];
            for (var e = 0; e < entries.Count; e++)
            {
                var from = Math.Max(0, entries.Keys[e]);
                var to = e + 1 < entries.Count ? Math.Min(entries.Keys[e + 1], labels.Length) : labels.Length;
                var range = entries.Values[e];
                var style = Name(range, "S", scanner);
                var prefix = Text(range, "P", scanner);
                var start = Number(range, "St", scanner) ?? 1;
                for (var page = from; page < to; page++)
                {
                    var label = prefix + Format(start + page - from, style);
                    labels[page] = label.Length == 0 ? null : label;
                }
            }

            return labels;
        }
#pragma warning disable CA1031 // A broken /PageLabels tree only means no labels from it.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private static void Collect(DictionaryToken node, IPdfTokenScanner scanner, SortedList<int, DictionaryToken> entries, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        if (node.TryGet(NameToken.Create("Nums"), out var numsToken) && DirectObjectFinder.TryGet(numsToken, scanner, out ArrayToken? nums) && nums is not null)
        {
            for (var i = 0; i + 1 < nums.Data.Count; i += 2)
            {
                if (DirectObjectFinder.TryGet(nums.Data[i], scanner, out NumericToken? key) && key is not null
                    && DirectObjectFinder.TryGet(nums.Data[i + 1], scanner, out DictionaryToken? value) && value is not null)
                {
                    entries[key.Int] = value;
                }
            }
        }

        if (node.TryGet(NameToken.Create("Kids"), out var kidsToken) && DirectObjectFinder.TryGet(kidsToken, scanner, out ArrayToken? kids) && kids is not null)
        {
            foreach (var kid in kids.Data)
            {
                if (DirectObjectFinder.TryGet(kid, scanner, out DictionaryToken? child) && child is not null)
                {
                    Collect(child, scanner, entries, depth + 1);
                }
            }
        }
    }

    private static string? Name(DictionaryToken d, string key, IPdfTokenScanner scanner) =>
        d.TryGet(NameToken.Create(key), out var t) && DirectObjectFinder.TryGet(t, scanner, out NameToken? n) ? n?.Data : null;

    private static string Text(DictionaryToken d, string key, IPdfTokenScanner scanner)
    {
        if (!d.TryGet(NameToken.Create(key), out var t))
        {
            return string.Empty;
        }

        if (DirectObjectFinder.TryGet(t, scanner, out StringToken? s) && s is not null)
        {
            return s.Data;
        }

        return DirectObjectFinder.TryGet(t, scanner, out HexToken? h) && h is not null ? h.Data : string.Empty;
    }

    private static int? Number(DictionaryToken d, string key, IPdfTokenScanner scanner) =>
        d.TryGet(NameToken.Create(key), out var t) && DirectObjectFinder.TryGet(t, scanner, out NumericToken? n) ? n?.Int : null;

    private static string Format(int value, string? style) => style switch
    {
        "D" => value.ToString(CultureInfo.InvariantCulture),
        "R" => RomanNumerals.ToRoman(value),
        "r" => RomanNumerals.ToRoman(value).ToLowerInvariant(),
        "A" => Letters(value),
        "a" => Letters(value).ToLowerInvariant(),
        _ => string.Empty,
    };

    private static string Letters(int value)
    {
        if (value < 1)
        {
            return string.Empty;
        }

        var letter = (char)('A' + ((value - 1) % 26));
        return new StringBuilder().Append(letter, ((value - 1) / 26) + 1).ToString();
    }
}
