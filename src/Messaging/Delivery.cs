namespace Meditron.Messaging;

/// <summary>One delivery of a message to a handler.</summary>
/// <param name="Attempt">1 for the first delivery; a redelivery (requeued, or returned by a consumer that stopped) counts up.</param>
/// <param name="MessageId">Set when the message was published; the same on every redelivery.</param>
/// <param name="TraceParent">The W3C trace context of the publisher, when it had one.</param>
public sealed record Delivery<T>(T Message, MessageProperties Properties, int Attempt, string MessageId, string? TraceParent);
