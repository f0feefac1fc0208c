using Meditron.Generation;
using Meditron.Ingestion;
using Meditron.Messaging;
using Meditron.Retrieval;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Meditron.Application.Telemetry;

public static class TelemetryServices
{
    /// <summary>The ActivitySources of every project that does work: ask/ingest, extract/embed/index, retrieve, generate, publish/process.</summary>
    public static IReadOnlyList<string> Sources { get; } =
    [
        ApplicationTelemetry.SourceName,
        IngestionTelemetry.SourceName,
        RetrievalTelemetry.SourceName,
        GenerationTelemetry.SourceName,
        MessagingTelemetry.SourceName,
    ];

    /// <summary>The Meters: message counters, pages indexed, answers by outcome and generation tokens.</summary>
    public static IReadOnlyList<string> Meters { get; } = [MessagingTelemetry.MeterName, IngestionTelemetry.SourceName, GenerationTelemetry.SourceName];

    /// <summary>
    /// Binds <see cref="TelemetryOptions"/> (validated at start) and, only when Telemetry:OtlpEndpoint is set, adds
    /// OpenTelemetry tracing and metrics over <see cref="Sources"/> and <see cref="Meters"/> with the OTLP exporter.
    /// Without an endpoint no provider is added: nothing listens, so every span is null and nothing is exported.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TelemetryOptions.SectionName);
        services.AddOptions<TelemetryOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        // An endpoint that is set but invalid is left to the start-up validation, which names the setting.
        if (options.Endpoint() is not Uri endpoint)
        {
            return services;
        }
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing => tracing
                .AddSource([.. Sources])
                .AddOtlpExporter(otlp => Export(otlp, endpoint, options.OtlpProtocol, "v1/traces")))
            .WithMetrics(metrics => metrics
                .AddMeter([.. Meters])
                .AddOtlpExporter(otlp => Export(otlp, endpoint, options.OtlpProtocol, "v1/metrics")));
        return services;
    }

    /// <summary>Over HTTP the exporter posts to the URL as given, so each signal gets its OTLP path; gRPC takes the base.</summary>
    private static void Export(OtlpExporterOptions otlp, Uri endpoint, TelemetryProtocol protocol, string signalPath)
    {
        otlp.Protocol = protocol == TelemetryProtocol.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        otlp.Endpoint = protocol == TelemetryProtocol.HttpProtobuf
            ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath)
            : endpoint;
    }
}
