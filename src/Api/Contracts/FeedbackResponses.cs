using Meditron.Core.Feedback;

namespace Meditron.Api.Contracts;

/// <summary>The 201 of POST /v1/answers/{requestId}/feedback.</summary>
public sealed record FeedbackCreated(string Id, string RequestId, DateTimeOffset CreatedAt);

/// <summary>GET /v1/feedback: one page of entries, each with every stored field (the answer with its citations).</summary>
public sealed record FeedbackListResponse(IReadOnlyList<FeedbackEntry> Items, int Total, int Offset, int Limit);
