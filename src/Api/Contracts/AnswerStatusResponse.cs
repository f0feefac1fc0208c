namespace Meditron.Api.Contracts;

/// <summary>202 of POST /v1/ask with "async": the request id and where its answer will be.</summary>
public sealed record AnswerAccepted(string RequestId, string Status, string StatusUrl);

/// <summary>GET /v1/answers/{id} while the answer is not ready, or when it failed.</summary>
public sealed record AnswerPending(string RequestId, string Status, string? Reason);
