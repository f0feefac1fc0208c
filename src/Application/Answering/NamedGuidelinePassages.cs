using Meditron.Core.Retrieval;
using Meditron.Retrieval;

namespace Meditron.Application.Answering;

/// <summary>
/// A question that names a guideline ("how many doses does IMCI give …") is answered from it when it speaks to the
/// question: its best passages join the evidence in place of the lowest-ranked ones from other guidelines, so that a
/// like passage elsewhere cannot crowd it out.
/// </summary>
internal static class NamedGuidelinePassages
{
    /// <summary>Passages of the named guidelines the evidence holds at least.</summary>
    public const int AtLeast = 2;

    public static async Task<IReadOnlyList<SearchResult>> AddAsync(RetrievalService retrieval, SearchRequest request,
        IReadOnlyList<SearchResult> results, IReadOnlySet<string> named, CancellationToken cancellationToken)
    {
        var present = results.Count(r => named.Contains(r.DocumentId));
        if (named.Count == 0 || present >= AtLeast || results.Count == 0)
        {
            return results;
        }
        var scoped = request with { TopK = AtLeast, Filter = request.Filter with { DocumentIds = named.ToList() } };
        var found = await retrieval.SearchAsync(scoped, cancellationToken);
        var added = found.Where(f => !results.Any(r => SamePassage(r, f))).Take(AtLeast - present).ToList();
        if (added.Count == 0)
        {
            return results;
        }
        // The lowest-ranked passages from other guidelines make room, so the evidence keeps its size.
        var dropped = results.Select((r, i) => (r, i)).Where(x => !named.Contains(x.r.DocumentId)).TakeLast(added.Count).Select(x => x.i).ToHashSet();
        var kept = results.Where((_, i) => !dropped.Contains(i)).Concat(added).Take(results.Count);
        return kept.Select((r, i) => r with { Rank = i + 1 }).ToList();
    }

    private static bool SamePassage(SearchResult a, SearchResult b) =>
        a.DocumentId == b.DocumentId && a.Page == b.Page && a.Section == b.Section && a.Text == b.Text;
}
