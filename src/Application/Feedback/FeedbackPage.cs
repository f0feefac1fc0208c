using Meditron.Core.Feedback;

namespace Meditron.Application.Feedback;

/// <summary>One page of feedback: the entries, how many match in all, and the page asked for.</summary>
public sealed record FeedbackPage(IReadOnlyList<FeedbackEntry> Items, int Total, int Offset, int Limit);
