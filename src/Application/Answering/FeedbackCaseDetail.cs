namespace Meditron.Application.Answering;

/// <summary>
/// One line of `eval answers --feedback FILE --details FILE` per regression case: the question asked again, the pages
/// flagged wrong, the new answer's citations, and whether one of them is a flagged page again.
/// </summary>
public sealed record FeedbackCaseDetail(
    string RequestId,
    IReadOnlyList<string> FeedbackIds,
    string Question,
    IReadOnlyList<FlaggedPage> Flagged,
    bool Abstained,
    string? Reason,
    bool StillWrong,
    IReadOnlyList<CitedPage> Citations);
