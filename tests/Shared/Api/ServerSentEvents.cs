using System.Net.ServerSentEvents;

namespace Meditron.Tests.Support;

/// <summary>Reads a whole event stream with the BCL's SSE parser (the client side a .NET chatbot would use).</summary>
internal static class ServerSentEvents
{
    public sealed record Event(string Type, string Data);

    public static async Task<List<Event>> ReadAsync(Stream stream)
    {
        var events = new List<Event>();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            events.Add(new Event(item.EventType, item.Data));
        }
        return events;
    }
}
