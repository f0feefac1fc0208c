using System.Diagnostics;
using RabbitMQ.Client;

namespace Meditron.Messaging.Tests.RabbitMq;

/// <summary>
/// The real broker at <c>MEDITRON_TEST_RABBITMQ</c> (e.g. <c>amqp://guest:guest@127.0.0.1:5672/</c>, started by
/// <c>scripts/rabbitmq start</c>), shared by the tests of the <see cref="RabbitMqCollection"/>, which run one at a time.
/// Without the variable the tests are skipped, except under CI=true, where they fail. It can stop and start the
/// broker through scripts/rabbitmq for the restart tests, when scripts/rabbitmq is what runs it.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    public const string Variable = "MEDITRON_TEST_RABBITMQ";

    private static readonly string? Configured = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } uri ? uri : null;

    private readonly string? _connectionString = Configured;
    private readonly string _pidFile = Path.Combine(StateDirectory, "rabbitmq.pid");
    private readonly string _script = Path.Combine(RepositoryRoot, "scripts", "rabbitmq");

    public RabbitMqBroker()
    {
        RestartSkipReason = SkipReason ?? (File.Exists(_pidFile) || IsCi ? null : $"the broker was not started by scripts/rabbitmq (no {_pidFile})");
    }

    /// <summary>Null when the tests must run (and fail without a broker under CI).</summary>
    public static string? SkipReason =>
        Configured is null && !IsCi ? $"{Variable} is not set (scripts/rabbitmq start, then {Variable}=amqp://guest:guest@127.0.0.1:5672/)" : null;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException($"{Variable} is not set; under CI the RabbitMQ tests must run");

    /// <summary>
    /// Why the broker cannot be restarted by the tests (it was not started by scripts/rabbitmq); null when it can.
    /// Decided once, before any test stops it.
    /// </summary>
    public string? RestartSkipReason { get; }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string StateDirectory => Environment.GetEnvironmentVariable("RABBITMQ_STATE_DIR") is { Length: > 0 } dir ? dir : Path.Combine(RepositoryRoot, ".rabbitmq");

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Options for a transport on this broker; reconnects every second so that restart tests are quick.</summary>
    public MessagingOptions Options(int deliveryLimit = 5, int publishTimeoutSeconds = 30) => new()
    {
        Transport = MessagingTransportKind.RabbitMq,
        RabbitMq = new RabbitMqOptions { ConnectionString = ConnectionString, RecoveryIntervalSeconds = 1 },
        DeliveryLimit = deliveryLimit,
        PublishTimeoutSeconds = publishTimeoutSeconds,
    };

    /// <summary>Deletes the queues and their poison queues (each test makes its own).</summary>
    public async Task DeleteQueuesAsync(IEnumerable<string> queues)
    {
        var factory = new ConnectionFactory { Uri = new Uri(ConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (string queue in queues)
        {
            await channel.QueueDeleteAsync(queue);
            await channel.QueueDeleteAsync(Queues.PoisonOf(queue));
        }
        await channel.CloseAsync();
        await connection.CloseAsync();
    }

    public Task StopAsync() => RunScriptAsync("stop");

    public Task StartAsync() => RunScriptAsync("start");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task RunScriptAsync(string command)
    {
        var info = new ProcessStartInfo("bash", [_script, command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/rabbitmq {command} exited with {process.ExitCode}: {await stdout}{await stderr}");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Meditron.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Meditron.sln was not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "RabbitMQ broker";
}
