namespace Meditron.Messaging.InProcess;

/// <summary>A message as an in-process queue holds it: serialized like on the wire, so both transports read the same bytes.</summary>
internal sealed record Envelope(
    string MessageId,
    string MessageType,
    byte[] Body,
    MessageProperties Properties,
    string? TraceParent,
    string? TraceState,
    int Attempt);
