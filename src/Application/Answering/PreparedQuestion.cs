using System.Diagnostics;
using Meditron.Core.Generation;

namespace Meditron.Application.Answering;

/// <summary>A question made ready for the generation handler: the message, and how long retrieval took.</summary>
public sealed record PreparedQuestion(GenerateAnswer Message, long RetrievalMs)
{
    /// <summary>
    /// The <c>ask</c> span, begun by <see cref="AskService.PrepareAsync"/> and ended by <see cref="AskService.StreamAsync"/>,
    /// so that retrieval and generation are one trace although the caller runs them as two steps.
    /// </summary>
    internal Activity? Span { get; init; }
}
