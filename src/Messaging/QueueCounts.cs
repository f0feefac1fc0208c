namespace Meditron.Messaging;

/// <summary>Messages waiting in a queue (not those in flight) and the consumers taking from it.</summary>
public sealed record QueueCounts(long Ready, int Consumers);
