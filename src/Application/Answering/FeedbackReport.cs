namespace Meditron.Application.Answering;

/// <summary>The regression cases from clinicians' feedback: how many were asked again, and how many still cite a flagged page.</summary>
public sealed record FeedbackReport(int FeedbackCases, int FeedbackStillWrong);
