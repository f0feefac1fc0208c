using System.Text.RegularExpressions;
using Meditron.Core.Documents;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Back-of-book indexes: rows of a term and its pages ("abscess 281, 290–292", "Malaria, cerebral 158"), often two
/// entries side by side, terms in alphabetical order or pages given as lists.
/// </summary>
internal sealed partial class IndexRule : INonGuidanceRule
{
    public static IndexRule Instance { get; } = new();

    private const int MaxEntryLength = 220;

    /// <summary>An index page is dense: fewer entries are a short list or table.</summary>
    private const int MinEntries = 8;

    private const double MinShare = 0.6;

    /// <summary>Without a title, this share of the entries must give several pages, or the terms must be in alphabetical order.</summary>
    private const double MinListShare = 0.2;

    private const double MinAlphabeticalShare = 0.8;

    // Page references: a number or range, then more after commas or semicolons ("281, 290–292").
    [GeneratedRegex(@"\d{1,4}(?:\s*[–-]\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*[–-]\s*\d{1,4})?)*", RegexOptions.CultureInvariant)]
    private static partial Regex PageReferences();

    // A page list: two page references separated by a comma or semicolon.
    [GeneratedRegex(@"\d{1,4}(?:\s*[–-]\s*\d{1,4})?\s*[,;]\s*\d{1,4}", RegexOptions.CultureInvariant)]
    private static partial Regex PageList();

    [GeneratedRegex(@"^(?:index|subject\s+index|general\s+index|index\s+of\s+\p{L}+|indice\s+alphab[ée]tique|índice\s+(?:alfab[ée]tico|anal[íi]tico))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Title();

    public ChunkKind Kind => ChunkKind.Index;

    /// <summary>One or more "term pages" pairs: a term of words without digits, then its page references; nothing after the last.</summary>
    public bool IsEntry(string row)
    {
        ArgumentNullException.ThrowIfNull(row);
        row = row.Trim();
        if (row.Length == 0 || row.Length > MaxEntryLength || !char.IsLetter(row[0]))
        {
            return false;
        }

        var at = 0;
        foreach (Match references in PageReferences().Matches(row))
        {
            var term = row[at..references.Index];
            if (!term.Any(char.IsLetter) || term.Any(char.IsDigit) || term[^1] is not (' ' or ',' or ':' or '.'))
            {
                return false;
            }

            at = references.Index + references.Length;
        }

        return at > 0 && at == row.Length;
    }

    public bool IsTitle(string heading) => Title().IsMatch(RowFeatures.BareTitle(heading));

    public bool MatchesPage(PageRows page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var entries = page.TextRows.Where(IsEntry).ToList();
        if (entries.Count < MinEntries || entries.Count < MinShare * page.TextRows.Count)
        {
            return false;
        }

        if (page.Headings.Any(IsTitle))
        {
            return true;
        }

        var lists = entries.Count(e => PageList().IsMatch(e));
        var initials = entries.Select(e => (int)char.ToLowerInvariant(e.TrimStart()[0])).ToList();
        return lists >= MinListShare * entries.Count || RowFeatures.NonDecreasingShare(initials) >= MinAlphabeticalShare;
    }

    /// <summary>Indexes are whole pages.</summary>
    public bool MatchesBlock(IReadOnlyList<string> rows, bool titled) => false;
}
