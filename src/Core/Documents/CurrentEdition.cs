namespace Meditron.Core.Documents;

/// <summary>
/// The rules every document registry applies the same way: the order it lists documents in, and which edition of a
/// guideline is current (the newest indexed one by <see cref="EditionOrder"/>).
/// </summary>
public static class CurrentEdition
{
    private static readonly Comparer<DocumentRecord> ByEdition = Comparer<DocumentRecord>.Create(EditionOrder.Compare);

    /// <summary>By guideline key (ordinal), then oldest to newest edition, then document id.</summary>
    public static List<DocumentRecord> InRegistryOrder(IEnumerable<DocumentRecord> documents) =>
        documents
            .OrderBy(r => r.Metadata.GuidelineKey, StringComparer.Ordinal)
            .ThenBy(r => r, ByEdition)
            .ThenBy(r => r.DocumentId, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Given every edition of one guideline as stored: the editions to stop being current, and the one to become current
    /// (null when the newest indexed edition is current already, or none is indexed). Demote first: one current row per
    /// guideline is a unique index in both stores.
    /// </summary>
    public static (IReadOnlyList<string> Demote, string? Promote) Changes(IReadOnlyCollection<DocumentRecord> editions)
    {
        ArgumentNullException.ThrowIfNull(editions);
        var newest = EditionOrder.Newest(editions.Where(d => d.Status == DocumentStatus.Indexed));
        var demote = editions.Where(d => d.Current && d.DocumentId != newest?.DocumentId).Select(d => d.DocumentId).ToList();
        return (demote, newest is { Current: false } ? newest.DocumentId : null);
    }
}
