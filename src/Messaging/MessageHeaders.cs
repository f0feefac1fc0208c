namespace Meditron.Messaging;

/// <summary>Header names both transports write.</summary>
internal static class MessageHeaders
{
    /// <summary>The .NET type of the body (<see cref="MessageJson.TypeName{T}"/>).</summary>
    public const string Type = "message-type";

    /// <summary>W3C trace context of the publisher.</summary>
    public const string TraceParent = "traceparent";

    public const string TraceState = "tracestate";
}
