using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Meditron.Generation.Tests.OpenAi;

/// <summary>Keeps every log entry (level and formatted message) so tests can check what reaches the logs.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));
}
