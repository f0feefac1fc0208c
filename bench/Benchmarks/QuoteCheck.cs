using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Meditron.Benchmarks;

/// <summary>
/// Every quote of an `eval answers --details` file looked up on its cited pages in an independent text extraction:
/// poppler's pdftotext (layout and raw reading orders), not Meditron's PdfPig pipeline. Text is compared after NFKC,
/// lower case, hyphenation at line ends undone and punctuation folded to spaces (table cell bars included), so only
/// words and their order count.
/// </summary>
internal static partial class QuoteCheck
{
    public static async Task<int> RunAsync(string detailsFile, string corpusFolder)
    {
        var pages = new Dictionary<(string File, int Page), string>();
        int quotes = 0, found = 0;
        var missed = new List<string>();
        foreach (var line in await File.ReadAllLinesAsync(detailsFile))
        {
            using var detail = JsonDocument.Parse(line);
            var id = detail.RootElement.GetProperty("id").GetString();
            foreach (var citation in detail.RootElement.GetProperty("citations").EnumerateArray())
            {
                var file = citation.GetProperty("file").GetString()!;
                var first = citation.GetProperty("page").GetInt32();
                var last = Math.Max(first, citation.GetProperty("pageEnd").GetInt32());
                var text = new StringBuilder();
                for (var page = first; page <= last; page++)
                {
                    if (!pages.TryGetValue((file, page), out var extracted))
                    {
                        extracted = Normalise(await PdfToTextAsync(Path.Combine(corpusFolder, file), page, "-layout"))
                            + " \n " + Normalise(await PdfToTextAsync(Path.Combine(corpusFolder, file), page, "-raw"));
                        pages[(file, page)] = extracted;
                    }
                    text.Append(extracted).Append(' ');
                }
                quotes++;
                var quote = Normalise(citation.GetProperty("quote").GetString()!);
                if (text.ToString().Contains(quote, StringComparison.Ordinal))
                {
                    found++;
                }
                else
                {
                    missed.Add($"{id} {file} p.{first}: {Shorten(citation.GetProperty("quote").GetString()!)}");
                }
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{found} of {quotes} quotes ({(quotes == 0 ? 1 : (double)found / quotes):0.000}) found on their cited pages by pdftotext"));
        foreach (var miss in missed)
        {
            Console.WriteLine("  not found: " + miss);
        }
        return 0;
    }

    private static async Task<string> PdfToTextAsync(string pdf, int page, string mode)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { mode, "-f", page.ToString(CultureInfo.InvariantCulture), "-l", page.ToString(CultureInfo.InvariantCulture), pdf, "-" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext (poppler-utils) is not installed.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    /// <summary>Words in order: hyphenation at line ends undone ("fal-\nciparum"), then everything but letters and digits a space.</summary>
    private static string Normalise(string text)
    {
        var joined = LineEndHyphen().Replace(text.Normalize(NormalizationForm.FormKC), "$1$2");
        return string.Join(' ', NonWord().Replace(joined.ToLowerInvariant(), " ").Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [GeneratedRegex(@"(\p{Ll})-[ \t]*\r?\n\s*(\p{Ll})")]
    private static partial Regex LineEndHyphen();

    private static string Shorten(string quote)
    {
        var flat = string.Join(' ', quote.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 100 ? flat : flat[..100] + "…";
    }

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();
}
