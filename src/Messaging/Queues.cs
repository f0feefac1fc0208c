namespace Meditron.Messaging;

/// <summary>The queues of Meditron and the names derived from them.</summary>
public static class Queues
{
    /// <summary><c>IngestDocument</c> messages for the ingestion workers.</summary>
    public const string Ingest = "ingest";

    /// <summary><c>GenerateAnswer</c> messages for the generation workers.</summary>
    public const string Generate = "generate";

    /// <summary>Names of reply queues start with this (<see cref="IMessageTransport.CreateReplyQueueAsync{TReply}"/>).</summary>
    public const string ReplyPrefix = "reply.";

    private const string PoisonSuffix = ".poison";

    /// <summary>Where the dead-lettered messages of <paramref name="queue"/> go: <c>&lt;queue&gt;.poison</c>.</summary>
    public static string PoisonOf(string queue) => queue + PoisonSuffix;

    public static bool IsPoisonQueue(string queue) => queue.EndsWith(PoisonSuffix, StringComparison.Ordinal);

    public static bool IsReplyQueue(string queue) => queue.StartsWith(ReplyPrefix, StringComparison.Ordinal);

    /// <summary>A new reply queue name, unique to the caller.</summary>
    internal static string NewReplyQueue() => ReplyPrefix + Guid.NewGuid().ToString("N");

    /// <summary>Refuses names that would clash with derived ones: work queues are neither poison nor reply queues.</summary>
    internal static void ThrowIfNotWorkQueue(string queue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        if (queue.Length > 200 || IsPoisonQueue(queue) || IsReplyQueue(queue))
        {
            throw new ArgumentException(
                $"'{queue}' is not a work queue name: at most 200 characters, not ending in '{PoisonSuffix}', not starting with '{ReplyPrefix}'.",
                nameof(queue));
        }
    }
}
