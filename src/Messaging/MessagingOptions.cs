using System.ComponentModel.DataAnnotations;

namespace Meditron.Messaging;

/// <summary>Which queues Meditron uses and how hard it tries (section <c>Messaging</c>).</summary>
public sealed class MessagingOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Messaging";

    /// <summary>In-process channels (the embedded shape) or a RabbitMQ broker (the distributed shape).</summary>
    public MessagingTransportKind Transport { get; set; } = MessagingTransportKind.InProcess;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>Deliveries of a message that keeps failing transiently before it is dead-lettered.</summary>
    [Range(1, 1000)]
    public int DeliveryLimit { get; set; } = 5;

    /// <summary>
    /// How long a publish waits for the broker to come (back) before it fails; opening a consumer waits as long.
    /// </summary>
    [Range(1, 3600)]
    public int PublishTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Put before the work queue names (<c>{prefix}ingest</c>): several deployments, or test runs, share one
    /// broker without sharing queues. Letters, digits, '-', '_' and '.'.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9._-]{0,100}$")]
    public string QueuePrefix { get; set; } = "";

    /// <summary>How long an ask over the queue waits for a generation worker's answer before it fails.</summary>
    [Range(1, 3600)]
    public int AnswerTimeoutSeconds { get; set; } = 180;

    /// <summary>The ingestion queue's name, with the prefix.</summary>
    public string IngestQueue => QueuePrefix + Queues.Ingest;

    /// <summary>The generation queue's name, with the prefix.</summary>
    public string GenerateQueue => QueuePrefix + Queues.Generate;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Transport != MessagingTransportKind.RabbitMq)
        {
            yield break;
        }
        const string name = SectionName + ":" + nameof(RabbitMq) + ":" + nameof(RabbitMqOptions.ConnectionString);
        string member = nameof(RabbitMq) + "." + nameof(RabbitMqOptions.ConnectionString);
        if (string.IsNullOrWhiteSpace(RabbitMq.ConnectionString))
        {
            yield return new ValidationResult(
                $"{name} is required when Messaging:Transport is RabbitMq (an amqp:// URI such as amqp://user:password@host:5672/).", [member]);
        }
        else if (!Uri.TryCreate(RabbitMq.ConnectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || uri.Host.Length == 0)
        {
            // The value itself is not repeated: it may hold a password.
            yield return new ValidationResult($"{name} must be an amqp:// or amqps:// URI with a host (amqp://user:password@host:5672/vhost).", [member]);
        }
        if (RabbitMq.RecoveryIntervalSeconds is < 1 or > 300)
        {
            yield return new ValidationResult($"{SectionName}:{nameof(RabbitMq)}:{nameof(RabbitMqOptions.RecoveryIntervalSeconds)} must be between 1 and 300.",
                [nameof(RabbitMq) + "." + nameof(RabbitMqOptions.RecoveryIntervalSeconds)]);
        }
    }
}

public enum MessagingTransportKind
{
    InProcess,
    RabbitMq,
}

/// <summary>The broker of the distributed shape (section <c>Messaging:RabbitMq</c>).</summary>
public sealed class RabbitMqOptions
{
    /// <summary><c>amqp://user:password@host:5672/vhost</c> (<c>amqps://</c> for TLS); required when the transport is RabbitMq.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Pause between reconnection attempts after the connection is lost.</summary>
    public int RecoveryIntervalSeconds { get; set; } = 5;
}
