using Meditron.Core.Generation;

namespace Meditron.Core.Ports;

/// <summary>Checked answers kept by request id, so that a caller may fetch one later (the API's async mode).</summary>
public interface IAnswerStore
{
    /// <summary>Keeps the answer of a request; saving the same request again replaces it (a redelivered answer).</summary>
    Task SaveAsync(string requestId, CitedAnswer answer, CancellationToken cancellationToken);

    Task<CitedAnswer?> GetAsync(string requestId, CancellationToken cancellationToken);
}
