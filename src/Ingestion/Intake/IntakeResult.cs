using Meditron.Core.Documents;
using Meditron.Core.Messages;

namespace Meditron.Ingestion.Intake;

/// <summary>A file taken in: its registry record, and the message to send unless it was already indexed.</summary>
public sealed record IntakeResult(DocumentRecord Document, IngestDocument? Message)
{
    public bool AlreadyIndexed => Message is null;
}
