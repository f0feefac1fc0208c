using Meditron.Core.Generation;

namespace Meditron.Application.Answering;

/// <summary>
/// What a generation worker sends back to the asker's reply queue for one request (correlation id = request id):
/// draft pieces as they are written, then the checked answer, or an error when the worker gave up.
/// </summary>
public sealed record GenerationReply
{
    public string? Delta { get; init; }
    public CitedAnswer? Answer { get; init; }
    public string? Error { get; init; }
}
