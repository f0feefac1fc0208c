using Meditron.Core.Generation;
using Meditron.Generation;

namespace Meditron.Application.Answering;

/// <summary>The generation handler, called in this process.</summary>
public sealed class LocalAnswerGenerator(GenerateAnswerHandler handler) : IAnswerGenerator
{
    public IAsyncEnumerable<AnswerEvent> StreamAsync(GenerateAnswer message, CancellationToken cancellationToken) =>
        handler.StreamAsync(message, cancellationToken);
}
