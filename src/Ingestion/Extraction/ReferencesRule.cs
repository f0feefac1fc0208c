using System.Text.RegularExpressions;
using Meditron.Core.Documents;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Reference lists and bibliographies: rows that carry the marks of a citation (authors "Murray CJ, Lauer JA", "et al.",
/// a journal's "2003;361(9359):717-25", a DOI or web address, "Geneva: World Health Organization").
/// </summary>
internal sealed partial class ReferencesRule : INonGuidanceRule
{
    public static ReferencesRule Instance { get; } = new();

    /// <summary>A citation wraps over two or three rows, only one of which need carry a mark: shares are of rows.</summary>
    private const double TitledShare = 0.25;

    private const double UntitledShare = 0.5;

    private const int MinTitledEntries = 2;

    private const int MinUntitledEntries = 4;

    /// <summary>A block of a guidance page under a references title, or with this many citation rows, is a reference list when half its rows are.</summary>
    private const double BlockShare = 0.5;

    private const int MinUntitledBlockEntries = 3;

    [GeneratedRegex(
        @"\bet\s+al\b|\bdoi\b|doi\.org|https?://|\bwww\.|"
        + @"\b(?:19|20)\d{2}[a-z]?\s*;\s*\d+|\d+\s*\(\s*[\d–-]+\s*\)\s*:\s*\d+|"
        + @"\p{Lu}[\p{L}'’-]+\s+\p{Lu}{1,3},\s+\p{Lu}[\p{L}'’-]+\s+\p{Lu}{1,3}\b|"
        + @"\b(?:Geneva|London|New\s+York|Washington|Oxford|Cairo|Brazzaville|Copenhagen|Manila|New\s+Delhi|Atlanta|Paris|Ginebra|Genève)\s*(?:,\s*[\p{L} ]{2,20})?\s*:\s*\p{Lu}|"
        + @"\b(?:accessed|consulted|consulté\s+le|consultado\s+el)\s+\d|"
        + @"\b(?:Lancet|BMJ|JAMA|N\s+Engl\s+J\s+Med|Bull\s+World\s+Health\s+Organ|Cochrane\s+Database\s+Syst\s+Rev|PLoS\s+\p{L}+|Clin\s+Infect\s+Dis|Trop\s+Med\s+Int\s+Health|Am\s+J\s+Trop\s+Med\s+Hyg|Malar\s+J|Pediatrics)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Citation();

    [GeneratedRegex(@"^(?:references?|selected\s+references|key\s+references|bibliography|further\s+reading|suggested\s+reading|recommended\s+reading|sources|références(?:\s+bibliographiques)?|bibliographie|lectures\s+complémentaires|referencias(?:\s+bibliográficas)?|bibliografía|lecturas\s+recomendadas)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Title();

    public ChunkKind Kind => ChunkKind.References;

    public bool IsEntry(string row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Citation().IsMatch(row);
    }

    public bool IsTitle(string heading) => Title().IsMatch(RowFeatures.BareTitle(heading));

    public bool MatchesPage(PageRows page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var (count, share) = RowFeatures.Entries(page.TextRows, IsEntry);
        return page.Titles.Any(IsTitle)
            ? count >= MinTitledEntries && share >= TitledShare
            : count >= MinUntitledEntries && share >= UntitledShare;
    }

    public bool MatchesBlock(IReadOnlyList<string> rows, bool titled)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var (count, share) = RowFeatures.Entries(rows.Where(RowFeatures.IsTextRow).ToList(), IsEntry);
        return count >= (titled ? 1 : MinUntitledBlockEntries) && share >= BlockShare;
    }
}
