using Meditron.Core.Generation;

namespace Meditron.Core.Ports;

/// <summary>
/// Writes a draft answer with [n] markers from a question and its evidence: an LLM (LLamaSharp,
/// an OpenAI-compatible server) or the extractive engine. The generation handler checks the draft's
/// citations afterwards; engines do not need to.
/// </summary>
public interface IAnswerEngine
{
    /// <summary>Names the engine and model for the answer's "model" field, e.g. "llamasharp:meditron-7b.Q4_K_M.gguf".</summary>
    string Name { get; }

    /// <summary>The draft as it is produced, as text deltas.</summary>
    IAsyncEnumerable<string> StreamAsync(GenerateAnswer request, CancellationToken cancellationToken);
}
