using System.Text;

namespace Meditron.Messaging;

/// <summary>A dead-lettered message, as its poison queue holds it.</summary>
/// <param name="MessageType">The type name written when it was published, when known.</param>
/// <param name="Body">The JSON body as published.</param>
/// <param name="Reason">Why it was dead-lettered, as far as the transport knows: the handler's reason in process;
/// the broker's (<c>rejected</c>, <c>delivery_limit</c>) on RabbitMQ.</param>
public sealed record PoisonMessage(string MessageId, string? MessageType, ReadOnlyMemory<byte> Body, string? Reason)
{
    /// <summary>The body read back as <typeparamref name="T"/>.</summary>
    public T? Read<T>() => MessageJson.Deserialize<T>(Body.Span);

    public override string ToString() => $"{MessageId} ({MessageType}, {Body.Length} bytes): {Reason}";

    /// <summary>For tests and tools; never logged above Debug.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);
}
