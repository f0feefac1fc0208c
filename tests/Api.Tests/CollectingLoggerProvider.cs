using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Meditron.Api.Tests;

/// <summary>Keeps every log line the server writes (level, category, text), for tests about what is logged.</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    public sealed record Entry(LogLevel Level, string Category, int EventId, string Message);

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CollectingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Entries.Enqueue(new Entry(logLevel, category, eventId.Id, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}
