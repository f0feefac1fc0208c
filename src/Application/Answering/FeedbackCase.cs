using Meditron.Core.Feedback;
using Meditron.Core.Generation;

namespace Meditron.Application.Answering;

/// <summary>
/// A regression case from clinicians' feedback: a question whose answer was flagged <see cref="FeedbackCategories.WrongPage"/>,
/// asked again; it passes when the new answer cites none of the flagged pages.
/// </summary>
public sealed record FeedbackCase(string RequestId, IReadOnlyList<string> FeedbackIds, string Question, IReadOnlyList<FlaggedPage> Flagged)
{
    /// <summary>The new answer still cites a flagged page.</summary>
    public bool IsStillWrong(CitedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Citations.Any(c => Flagged.Any(f => f.IsCitedBy(c)));
    }

    /// <summary>
    /// One case per request with a <see cref="FeedbackCategories.WrongPage"/> entry that has a question and citations
    /// (several such entries for one request make one case, their flagged pages together). Entries flagged without a
    /// question cannot be asked again: they are counted as skipped.
    /// </summary>
    public static (IReadOnlyList<FeedbackCase> Cases, int Skipped) From(IEnumerable<FeedbackEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var cases = new List<FeedbackCase>();
        int skipped = 0;
        foreach (var request in entries.Where(e => e.Categories.Contains(FeedbackCategories.WrongPage)).GroupBy(e => e.RequestId, StringComparer.Ordinal))
        {
            var flaggedEntries = request.ToList();
            string? question = flaggedEntries.Select(e => e.Question).FirstOrDefault(q => !string.IsNullOrWhiteSpace(q));
            var flagged = flaggedEntries.SelectMany(e => e.Answer.Citations).Select(FlaggedPage.Of).Distinct().ToList();
            if (question is null || flagged.Count == 0)
            {
                skipped += flaggedEntries.Count;
                continue;
            }
            cases.Add(new FeedbackCase(request.Key, flaggedEntries.Select(e => e.Id).ToList(), question, flagged));
        }
        return (cases, skipped);
    }
}
