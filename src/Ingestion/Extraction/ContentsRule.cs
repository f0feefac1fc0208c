using System.Globalization;
using System.Text.RegularExpressions;
using Meditron.Core.Documents;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Tables of contents, and lists of tables, charts or figures: rows of a title and the page it starts on
/// ("1.9.1 Snake bite | 34", "EXECUTIVE SUMMARY ........ 5", "Preface xv"), page numbers that mostly go up; and the
/// arrangement of an act or of regulations, a list of its clauses without pages ("9—Application process", "PART III—
/// APPLICATION FOR REFUGEE STATUS"), clause numbers that mostly go up.
/// </summary>
internal sealed partial class ContentsRule : INonGuidanceRule
{
    public static ContentsRule Instance { get; } = new();

    /// <summary>Rows longer than this are running text, not an entry (two entries side by side fit).</summary>
    private const int MaxEntryLength = 220;

    /// <summary>Without a title, this share of a page's text rows must be entries (with one, <see cref="TitledShare"/>).</summary>
    private const double UntitledShare = 0.6;

    private const double TitledShare = 0.3;

    /// <summary>Entries on a page without a title: fewer are a short table whose last column is a number.</summary>
    private const int MinUntitledEntries = 5;

    /// <summary>Page numbers of a contents page go up; doses and counts in a table need not (share of steps that do not go down).</summary>
    private const double MinRisingShare = 0.7;

    /// <summary>A block of a guidance page needs this many entries, and this share of its rows (and of numbered titles among them).</summary>
    private const int MinBlockEntries = 4;

    private const double BlockShare = 0.6;

    // A title that starts with a section number: "1.9.1 Snake bite", "A1.2 Insertion", "7. SEVERE", "Chart 4.", "Annex 2";
    // not a count ("2 months up to 3 years").
    [GeneratedRegex(@"^(?:(?:chapter|section|annex|appendix|chart|table|figure|box|part)\s+[A-Z]?\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]?\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.)\s+\p{L}", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedTitle();

    // A title with letters, then dotted leaders, a cell rule or a space, then an arabic or lower-case roman page number.
    [GeneratedRegex(@"^(?<title>.*?\p{L}.*?)(?:\s*(?:[.·…_]\s?){2,}\s*|\s*\|\s*|\s+)(?<page>\d{1,4}|[ivxlc]{1,7})$", RegexOptions.CultureInvariant)]
    private static partial Regex Entry();

    [GeneratedRegex(@"^(?:(?:table\s+of\s+)?contents?|contenido|contenidos|tabla\s+de\s+contenidos?|índice|indice|índice\s+general|sommaire|table\s+des\s+mati[eè]res|list\s+of\s+(?:tables|figures|charts|boxes|annexes|annexures|appendices)|tables|figures|charts|arrangement\s+of\s+(?:regulations|sections|rules|articles|paragraphs|clauses))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Title();

    public ChunkKind Kind => ChunkKind.Contents;

    // A year ends a date or a title ("1st February, 2024", "THE REFUGEES ACT, 2021"), not a contents entry: no guideline
    // here has 1,900 pages, and a title page's years would otherwise read as page numbers that go down.
    [GeneratedRegex(@"^(?:19|20)\d\d$", RegexOptions.CultureInvariant)]
    private static partial Regex Year();

    // A clause of an arrangement: its number or part, a dash, its capitalised title ("10—Refugee status determination interview").
    [GeneratedRegex(@"^(?:(?<clause>\d{1,3})[A-Z]?|PART\s+[IVXLC]+)\s*[—–]\s*\p{Lu}", RegexOptions.CultureInvariant)]
    private static partial Regex ArrangementEntry();

    public bool IsEntry(string row) => PageOf(row) is not null || (row.Length <= MaxEntryLength && ArrangementEntry().IsMatch(row));

    public bool IsTitle(string heading) => Title().IsMatch(RowFeatures.BareTitle(heading));

    public bool MatchesPage(PageRows page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var (count, share) = RowFeatures.Entries(page.TextRows, IsEntry);
        // The title on the page itself: a continuation page meets the untitled rule, and a guidance page that a
        // misplaced heading put under "Contents" is not excused from it.
        var titled = page.Headings.Any(IsTitle);
        if (titled ? count < 3 || share < TitledShare : count < MinUntitledEntries || share < UntitledShare)
        {
            return false;
        }

        return titled || (RowFeatures.NonDecreasingShare(ArabicPages(page.TextRows)) >= MinRisingShare
            && RowFeatures.NonDecreasingShare(ClauseNumbers(page.TextRows)) >= MinRisingShare);
    }

    /// <summary>The clause numbers that the arrangement entries among <paramref name="rows"/> start with, in order.</summary>
    private static List<int> ClauseNumbers(IEnumerable<string> rows) =>
        rows.Select(r => ArrangementEntry().Match(r)).Where(m => m.Groups["clause"].Success)
            .Select(m => int.Parse(m.Groups["clause"].Value, CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>The arabic page numbers that the entries among <paramref name="rows"/> end with, in order.</summary>
    private static List<int> ArabicPages(IEnumerable<string> rows) =>
        rows.Select(PageOf).OfType<string>()
            .Where(p => char.IsAsciiDigit(p[0]))
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>
    /// A block of a guidance page is contents by itself (a chapter's list of sections running onto its first page) only
    /// when nearly all its rows are entries, most of them numbered sections ("1.9.1 Snake bite | 34"), with rising
    /// pages: a table whose last column is a number has no section numbers before its rows.
    /// </summary>
    public bool MatchesBlock(IReadOnlyList<string> rows, bool titled)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = rows.Where(RowFeatures.IsTextRow).ToList();
        var entries = text.Where(IsEntry).ToList();
        if (entries.Count < MinBlockEntries || entries.Count < BlockShare * text.Count
            || entries.Count(e => NumberedTitle().IsMatch(e)) < BlockShare * entries.Count)
        {
            return false;
        }

        return RowFeatures.NonDecreasingShare(ArabicPages(entries)) >= MinRisingShare;
    }

    /// <summary>The page number an entry row ends with; null when the row is not an entry.</summary>
    public static string? PageOf(string row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Length is 0 or > MaxEntryLength || !(char.IsAsciiDigit(row[^1]) || row[^1] is 'i' or 'v' or 'x' or 'l' or 'c'))
        {
            return null;
        }

        var match = Entry().Match(row);
        if (!match.Success || Year().IsMatch(match.Groups["page"].Value))
        {
            return null;
        }

        // The title is words: at least three letters, and letters at least half of what is not a space.
        var title = match.Groups["title"].Value;
        var letters = RowFeatures.Letters(title);
        var visible = title.Count(c => !char.IsWhiteSpace(c) && c is not '.' and not '·' and not '…' and not '_' and not '|');
        return letters >= 3 && letters * 2 >= visible ? match.Groups["page"].Value : null;
    }
}
