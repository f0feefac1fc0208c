using Meditron.Core.Retrieval;
using Qdrant.Client.Grpc;
using static Qdrant.Client.Grpc.Conditions;

namespace Meditron.Retrieval.Qdrant;

/// <summary>Index filters and document selections as Qdrant filters. Pure: no server involved.</summary>
internal static class QdrantFilterMapper
{
    /// <summary>
    /// Every restriction is one <c>must</c> condition: a list becomes "keyword is any of" on the lower-cased filter key
    /// (<see cref="QdrantPayload.Fold"/>: values match whatever their case, as in the embedded index; languages are the
    /// document's), the year bounds
    /// one inclusive range (points without a year fail it), <see cref="IndexFilter.CurrentOnly"/> "current is true";
    /// <see cref="IndexFilter.GuidanceOnly"/> is one <c>must_not</c>: "kind is any of contents, index, references, form".
    /// An unrestricted filter gives a filter with no conditions.
    /// </summary>
    public static Filter ToFilter(IndexFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var result = new Filter();
        AddAny(result, QdrantPayload.PublisherFolded, filter.Publishers);
        AddAny(result, QdrantPayload.DocumentLanguageFolded, filter.Languages);
        AddAny(result, QdrantPayload.GuidelineFolded, filter.GuidelineKeys);
        AddAny(result, QdrantPayload.DocumentIdFolded, filter.DocumentIds);
        if (filter.YearFrom is not null || filter.YearTo is not null)
        {
            var range = new global::Qdrant.Client.Grpc.Range();
            if (filter.YearFrom is int from)
            {
                range.Gte = from;
            }
            if (filter.YearTo is int to)
            {
                range.Lte = to;
            }
            result.Must.Add(Range(QdrantPayload.Year, range));
        }
        if (filter.CurrentOnly)
        {
            result.Must.Add(Match(QdrantPayload.Current, true));
        }
        if (filter.GuidanceOnly)
        {
            // "Not of another kind" rather than "kind is guidance": points written before kinds existed have no kind.
            result.MustNot.Add(Match(QdrantPayload.Kind, ChunkKindNames.NotGuidance.ToList()));
        }
        return result;
    }

    /// <summary>Every point of the document.</summary>
    public static Filter Document(string documentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(documentId);
        return new Filter { Must = { MatchKeyword(QdrantPayload.DocumentId, documentId) } };
    }

    /// <summary>The points of the document other than <paramref name="keep"/>: what a replace leaves over from a longer (or differently labelled) earlier version.</summary>
    public static Filter DocumentExcept(string documentId, IReadOnlyList<Guid> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var filter = Document(documentId);
        if (keep.Count > 0)
        {
            filter.MustNot.Add(HasId(keep));
        }
        return filter;
    }

    /// <summary>The points of the guideline's editions other than <paramref name="currentDocumentId"/> (all of them when null).</summary>
    public static Filter OtherEditions(string guidelineKey, string? currentDocumentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(guidelineKey);
        var filter = new Filter { Must = { MatchKeyword(QdrantPayload.Guideline, guidelineKey) } };
        if (currentDocumentId is not null)
        {
            filter.MustNot.Add(MatchKeyword(QdrantPayload.DocumentId, currentDocumentId));
        }
        return filter;
    }

    /// <summary>The points of the document, provided it is an edition of the guideline.</summary>
    public static Filter Edition(string guidelineKey, string documentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(guidelineKey);
        var filter = Document(documentId);
        filter.Must.Add(MatchKeyword(QdrantPayload.Guideline, guidelineKey));
        return filter;
    }

    private static void AddAny(Filter filter, string key, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            filter.Must.Add(Match(key, values.Select(QdrantPayload.Fold).Distinct(StringComparer.Ordinal).ToList()));
        }
    }
}
