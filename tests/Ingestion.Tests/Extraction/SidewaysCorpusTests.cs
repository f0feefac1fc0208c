using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Meditron.Ingestion.Extraction;
using Meditron.Tests.Support;

namespace Meditron.Ingestion.Tests.Extraction;

/// <summary>
/// Corpus pages with /Rotate 0 that draw their text sideways (landscape tables and forms) used to
/// come out empty. Each document is extracted once for the whole class.
/// </summary>
public sealed partial class SidewaysCorpusTests(SidewaysCorpusTests.Documents documents) : IClassFixture<SidewaysCorpusTests.Documents>
{
    private const string PocketBook = "who_pocket_book_hospital_care_children_2ed_2013.pdf";
    private const string Solomon = "solomon_islands_moh_standard_treatment_manual_children_2017.pdf";
    private const string Section4 = "who_afro_idsr_3ed_2019_section4_investigate_outbreaks.pdf";
    private const string Section5 = "who_afro_idsr_3ed_2019_section5_prepare_to_respond.pdf";

    /// <summary>Every corpus page that pdftotext reads but that came out without text (1-based page numbers).</summary>
    private static readonly (string File, int[] Pages)[] SidewaysPages =
    [
        (PocketBook, [93, 94, 95, 96, 327, 395, 396, 397]),
        (Solomon, [70, 115, 116, 117, 118, 119]),
        (Section4, [21, 27, 28, 29]),
        (Section5, [24]),
    ];

    [CorpusFact]
    public void Sideways_pages_carry_most_of_the_words_pdftotext_reads_there()
    {
        Assert.True(ExternalTool.Exists("pdftotext"), "poppler-utils is needed");
        var failures = new List<string>();
        foreach (var (file, pages) in SidewaysPages)
        {
            foreach (var number in pages)
            {
                var reference = Words(WithoutSlug(ExternalTool.Output("pdftotext", "-f", $"{number}", "-l", $"{number}", "-layout", Corpus.File(file), "-")));
                var ours = Words(PageText(documents.Get(file).Pages[number - 1]));
                var found = reference.Count(ours.Contains) / (double)Math.Max(1, reference.Count);
                if (reference.Count < 20 || found < 0.8)
                {
                    failures.Add($"{file} p{number}: {found:P0} of {reference.Count} words; missing: {string.Join(' ', reference.Where(w => !ours.Contains(w)).Take(20))}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [CorpusFact]
    public void Contacts_recording_sheet_reads_the_definition_of_a_contact()
    {
        var page = documents.Get(Section4).Pages[27];

        var text = PageText(page);

        Assert.Contains("Annex 4F: Contacts recording sheet", text, StringComparison.Ordinal);
        Assert.Contains("have direct physical contact with the case (dead or alive)", text, StringComparison.Ordinal);
        Assert.Equal("27", page.Label);
    }

    [CorpusFact]
    public void Pocket_book_sideways_neonatal_dose_tables_are_read_with_their_printed_labels()
    {
        var pages = documents.Get(PocketBook).Pages;

        Assert.Equal(["69", "70", "71", "72"], pages.Skip(92).Take(4).Select(p => p.Label));
        var text = string.Join("\n", pages.Skip(92).Take(4).Select(PageText));
        foreach (var drug in new[] { "Aminophylline", "Ampicillin", "Caffeine citrate", "Cefotaxime", "Gentamicin", "Phenobarbital" })
        {
            Assert.Contains(drug, text, StringComparison.OrdinalIgnoreCase); // the font maps some capitals to lower case
        }

        Assert.Contains(pages[92].Blocks, b => b.Section.Contains("Doses of common drugs for neonates", StringComparison.Ordinal));
    }

    [CorpusFact]
    public void Upright_pages_read_as_before()
    {
        var page = documents.Get(PocketBook).Pages[105];

        Assert.Equal("82", page.Label);
        Assert.Contains(page.Blocks, b => b.Kind == BlockKind.Heading && b.Text == "Oxygen therapy");
        Assert.Contains(page.Blocks, b => b.Section.EndsWith("4.2.1 Severe pneumonia > Oxygen therapy", StringComparison.Ordinal));
        Assert.DoesNotContain(page.Blocks, b => b.Text.StartsWith("SEVERE PNEUMONIA", StringComparison.Ordinal)); // running header
    }

    private static string PageText(ExtractedPage page) =>
        string.Join("\n", page.Blocks.SelectMany(b => b.Kind == BlockKind.Table ? [b.TableHeader ?? string.Empty, .. b.TableRows] : new[] { b.Text }));

    /// <summary>pdftotext also prints the printer's slug ("PB2_ch3.indd 70", "17/06/13 8:31 AM") from outside the crop box.</summary>
    private static string WithoutSlug(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.Contains(".indd", StringComparison.Ordinal) && !SlugDate().IsMatch(l)));

    [GeneratedRegex(@"^\s*\d{1,2}/\d{2}/\d{2}\s+\d{1,2}:\d{2}\s*[AP]M\s*$")]
    private static partial Regex SlugDate();

    /// <summary>Distinct lower-case words of two or more letters or digits (punctuation and hyphenation aside).</summary>
    private static HashSet<string> Words(string text) =>
        WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length >= 2).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    /// <summary>Extracts each corpus document once, on first use.</summary>
    public sealed class Documents
    {
        private readonly ConcurrentDictionary<string, Lazy<ExtractedDocument>> cache = new(StringComparer.Ordinal);

        public ExtractedDocument Get(string file) => cache.GetOrAdd(file, static f => new Lazy<ExtractedDocument>(() =>
        {
            using var stream = File.OpenRead(Corpus.File(f));
            return TestPdf.Extractor(o => o.OcrEnabled = false).Extract(stream, CancellationToken.None);
        })).Value;
    }
}
