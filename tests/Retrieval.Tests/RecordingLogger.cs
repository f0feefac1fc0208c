using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Meditron.Retrieval.Tests;

/// <summary>Keeps every log entry (event id and formatted text) for assertions; <see cref="Logged"/> lets a test wait for one.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public Action<LogEntry>? Logged { get; set; }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var entry = new LogEntry(eventId.Id, formatter(state, exception), exception);
        Entries.Enqueue(entry);
        Logged?.Invoke(entry);
    }
}

internal sealed record LogEntry(int EventId, string Text, Exception? Exception);
