using Meditron.Core.Retrieval;

namespace Meditron.Retrieval;

/// <summary>Whether a document passes an <see cref="IndexFilter"/> (the embedded adapter filters in process).</summary>
public static class FilterMatcher
{
    public static bool Matches(IndexFilter filter, ChunkSource source)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(source);
        return (!filter.CurrentOnly || source.Current)
            && AnyOf(filter.Publishers, source.Publisher)
            && AnyOf(filter.Languages, source.Language)
            && AnyOf(filter.GuidelineKeys, source.GuidelineKey)
            && AnyOf(filter.DocumentIds, source.DocumentId)
            && (filter.YearFrom is not int from || source.Year >= from)
            && (filter.YearTo is not int to || source.Year <= to);
    }

    private static bool AnyOf(IReadOnlyList<string> wanted, string value) =>
        wanted.Count == 0 || wanted.Contains(value, StringComparer.OrdinalIgnoreCase);
}
