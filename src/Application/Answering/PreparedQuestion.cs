using Meditron.Core.Generation;

namespace Meditron.Application.Answering;

/// <summary>A question made ready for the generation handler: the message, and how long retrieval took.</summary>
public sealed record PreparedQuestion(GenerateAnswer Message, long RetrievalMs);
