using System.Globalization;
using System.Text.RegularExpressions;

namespace Meditron.Core.Documents;

/// <summary>
/// Orders editions of one guideline: by the date in the label ("2025-08-13", "2023"), else by an
/// edition number ("2ed", "3rd edition"), else by the year; ties go to the later ingestion.
/// </summary>
public static partial class EditionOrder
{
    public static int Compare(DocumentRecord a, DocumentRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int byKey = CompareKeys(Key(a.Metadata), Key(b.Metadata));
        return byKey != 0 ? byKey : a.CreatedAt.CompareTo(b.CreatedAt);
    }

    /// <summary>The newest of the given editions, or null when the list is empty.</summary>
    public static DocumentRecord? Newest(IEnumerable<DocumentRecord> editions) =>
        editions.Aggregate((DocumentRecord?)null, (best, next) => best is null || Compare(next, best) > 0 ? next : best);

    /// <summary>When the edition was published, as far as its label or year tell; null when neither does.</summary>
    public static DateOnly? PublishedOn(DocumentMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return Key(metadata).Date;
    }

    private static (DateOnly? Date, int? Number) Key(DocumentMetadata metadata)
    {
        string label = metadata.Edition.Trim();
        if (DateOnly.TryParseExact(label, ["yyyy-MM-dd", "yyyy-MM", "yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (date, null);
        }
        var numbered = EditionNumber().Match(label);
        if (numbered.Success)
        {
            return (metadata.Year is int y ? new DateOnly(y, 1, 1) : null, int.Parse(numbered.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        return (metadata.Year is int year ? new DateOnly(year, 1, 1) : null, null);
    }

    private static int CompareKeys((DateOnly? Date, int? Number) a, (DateOnly? Date, int? Number) b)
    {
        if (a.Number is int na && b.Number is int nb && na != nb)
        {
            return na.CompareTo(nb);
        }
        if (a.Date is DateOnly da && b.Date is DateOnly db)
        {
            return da.CompareTo(db);
        }
        // A dated edition ranks above an undated one.
        return (a.Date.HasValue ? 1 : 0).CompareTo(b.Date.HasValue ? 1 : 0);
    }

    [GeneratedRegex(@"^(\d{1,3})\s*(?:st|nd|rd|th|e|ed|ème|a|ª)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex EditionNumber();
}
