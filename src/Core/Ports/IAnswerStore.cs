using Meditron.Core.Generation;

namespace Meditron.Core.Ports;

/// <summary>
/// Requests and their checked answers, by request id, so that a caller may fetch one later (the API's async mode:
/// pending while the answer is written, then completed or failed).
/// </summary>
public interface IAnswerStore
{
    /// <summary>The request is accepted and its answer is being written. A request already known keeps its state.</summary>
    Task MarkPendingAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the answer of a request and marks it completed (a pending or failed request included); saving the same
    /// request again replaces the answer (a redelivered answer).
    /// </summary>
    Task SaveAsync(string requestId, CitedAnswer answer, CancellationToken cancellationToken);

    /// <summary>No answer will come, for this reason. A completed request stays completed: its answer is kept.</summary>
    Task MarkFailedAsync(string requestId, string reason, CancellationToken cancellationToken);

    /// <summary>The answer of a completed request; null while pending, when failed, or when unknown.</summary>
    Task<CitedAnswer?> GetAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>The request's status with its answer or reason; null when unknown.</summary>
    Task<AnswerEntry?> FindAsync(string requestId, CancellationToken cancellationToken);
}
