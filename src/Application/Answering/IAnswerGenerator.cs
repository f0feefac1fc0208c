using Meditron.Core.Generation;
using Meditron.Generation;

namespace Meditron.Application.Answering;

/// <summary>
/// Where a prepared question is answered: by the generation handler in this process (the embedded shape), or by
/// a generation worker over the queue (Messaging:Transport=RabbitMq). The events are the same either way.
/// </summary>
public interface IAnswerGenerator
{
    IAsyncEnumerable<AnswerEvent> StreamAsync(GenerateAnswer message, CancellationToken cancellationToken);
}
