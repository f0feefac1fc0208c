using System.ComponentModel.DataAnnotations;

namespace Meditron.Application.Telemetry;

/// <summary>Where traces and metrics go (section <c>Telemetry</c>). Without an endpoint nothing leaves the process.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// An OTLP receiver (an OpenTelemetry Collector, Jaeger, Tempo, ...): gRPC, e.g. http://localhost:4317, or the
    /// base URL of OTLP/HTTP (http://localhost:4318) with <see cref="OtlpProtocol"/> HttpProtobuf. None: no export.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    public TelemetryProtocol OtlpProtocol { get; set; } = TelemetryProtocol.Grpc;

    /// <summary>The <c>service.name</c> of every span and metric; give each role its own (meditron-worker-ingestion).</summary>
    [Required]
    public string ServiceName { get; set; } = "meditron";

    /// <summary>The endpoint as a URI, or null when none is set or it is not an absolute http(s) URL.</summary>
    public Uri? Endpoint() =>
        Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && Endpoint() is null)
        {
            yield return new ValidationResult(
                $"Telemetry:OtlpEndpoint must be an absolute http(s) URL such as http://localhost:4317, not \"{OtlpEndpoint}\".",
                [nameof(OtlpEndpoint)]);
        }
    }
}

/// <summary>The OTLP transport: gRPC (port 4317 by convention) or protobuf over HTTP (4318).</summary>
public enum TelemetryProtocol
{
    Grpc,
    HttpProtobuf,
}
