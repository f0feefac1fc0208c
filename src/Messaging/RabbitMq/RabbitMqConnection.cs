using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Meditron.Messaging.RabbitMq;

/// <summary>
/// The one connection of a transport, opened on first use, and its publishing channel (publisher confirms,
/// tracked, so that a publish returns when the broker has the message). Once open, RabbitMQ.Client's automatic
/// recovery reconnects it and restores its channels, queues and consumers; until it is first open, callers retry.
/// </summary>
internal sealed class RabbitMqConnection(ConnectionFactory factory, BrokerAddress broker, ILogger logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _publisher;
    private int _disposed;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _connection) is { } open)
        {
            return open;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                var connection = await factory.CreateConnectionAsync(cancellationToken);
                connection.ConnectionShutdownAsync += OnShutdownAsync;
                connection.RecoverySucceededAsync += OnRecoveredAsync;
                connection.ConnectionRecoveryErrorAsync += OnRecoveryErrorAsync;
                RabbitMqLog.Connected(logger, broker);
                Volatile.Write(ref _connection, connection);
            }
            return _connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IChannel> GetPublisherAsync(CancellationToken cancellationToken)
    {
        var connection = await GetAsync(cancellationToken);
        if (Volatile.Read(ref _publisher) is { } current && (current.IsOpen || !connection.IsOpen))
        {
            // Closed while the connection recovers: recovery reopens it; publishing meanwhile fails and is retried.
            return current;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_publisher is null || (!_publisher.IsOpen && connection.IsOpen))
            {
                var stale = _publisher;
                _publisher = await connection.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
                if (stale is not null)
                {
                    await stale.DisposeAsync();
                }
            }
            return _publisher;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        if (_publisher is not null)
        {
            await _publisher.DisposeAsync();
        }
        if (_connection is not null)
        {
            _connection.ConnectionShutdownAsync -= OnShutdownAsync;
            try
            {
                await _connection.CloseAsync();
            }
            catch (Exception e) when (BrokerFaults.IsTransient(e))
            {
                // The broker is gone already: nothing left to close politely.
            }
            await _connection.DisposeAsync();
        }
        _gate.Dispose();
    }

    private Task OnShutdownAsync(object sender, ShutdownEventArgs args)
    {
        if (args.Initiator != ShutdownInitiator.Application)
        {
            RabbitMqLog.ConnectionLost(logger, broker, args.ReplyCode, args.ReplyText);
        }
        return Task.CompletedTask;
    }

    private Task OnRecoveredAsync(object sender, AsyncEventArgs args)
    {
        RabbitMqLog.Recovered(logger, broker);
        return Task.CompletedTask;
    }

    private Task OnRecoveryErrorAsync(object sender, ConnectionRecoveryErrorEventArgs args)
    {
        RabbitMqLog.RecoveryFailed(logger, broker, args.Exception);
        return Task.CompletedTask;
    }
}
