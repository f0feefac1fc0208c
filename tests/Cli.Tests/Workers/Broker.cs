using Meditron.Tests.Support;

namespace Meditron.Cli.Tests.Workers;

/// <summary>
/// The real RabbitMQ broker at <c>MEDITRON_TEST_RABBITMQ</c> (.ci/run starts one with scripts/rabbitmq). Without it
/// the worker tests are skipped, except under CI=true, where they must run. Each test takes its own queue prefix.
/// </summary>
internal static class Broker
{
    public static string? Uri { get; } = Environment.GetEnvironmentVariable("MEDITRON_TEST_RABBITMQ") is { Length: > 0 } uri ? uri : null;

    public static string? SkipReason =>
        Uri is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? "MEDITRON_TEST_RABBITMQ is not set (scripts/rabbitmq start, then MEDITRON_TEST_RABBITMQ=amqp://guest:guest@127.0.0.1:5672/)"
            : null;

    /// <summary>The settings that put a CLI process on the broker, with queues of its own.</summary>
    public static Dictionary<string, string> Settings(string queuePrefix, int answerTimeoutSeconds = 120) => new()
    {
        ["MEDITRON_Messaging__Transport"] = "RabbitMq",
        ["MEDITRON_Messaging__RabbitMq__ConnectionString"] = Uri ?? throw new InvalidOperationException("MEDITRON_TEST_RABBITMQ is not set"),
        ["MEDITRON_Messaging__RabbitMq__RecoveryIntervalSeconds"] = "1",
        ["MEDITRON_Messaging__QueuePrefix"] = queuePrefix,
        ["MEDITRON_Messaging__AnswerTimeoutSeconds"] = answerTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string NewQueuePrefix() => "test-" + Guid.NewGuid().ToString("N")[..12] + ".";
}

/// <summary>A fact against the real broker (and, with <see cref="NeedsCorpus"/>, the real corpus).</summary>
public sealed class BrokerFactAttribute : FactAttribute
{
    public BrokerFactAttribute()
    {
        Skip = Broker.SkipReason!;
    }

    public bool NeedsCorpus
    {
        get => Corpus.SkipReason is not null;
        init => Skip = Broker.SkipReason ?? (value ? Corpus.SkipReason : null)!;
    }
}
