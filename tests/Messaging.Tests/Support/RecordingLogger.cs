using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Meditron.Messaging.Tests.Support;

/// <summary>Keeps every log entry (level, event id, formatted text, exception) for assertions.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue(new LogEntry(logLevel, eventId.Id, formatter(state, exception), exception));
}

public sealed record LogEntry(LogLevel Level, int EventId, string Text, Exception? Exception);
