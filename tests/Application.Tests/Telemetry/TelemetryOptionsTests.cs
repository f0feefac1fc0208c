using System.Text;
using Meditron.Application.Answering;
using Meditron.Application.Extensions;
using Meditron.Core.Generation;
using Meditron.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Meditron.Application.Tests.Telemetry;

/// <summary>Telemetry:OtlpEndpoint decides everything: without it nothing is registered, with it traces and metrics go there.</summary>
public sealed class TelemetryOptionsTests
{
    [Fact]
    public async Task Without_an_endpoint_no_provider_and_no_exporter_is_registered()
    {
        var services = Services(new Dictionary<string, string?>());

        Assert.DoesNotContain(services, d => (d.ServiceType.Namespace ?? "").StartsWith("OpenTelemetry", StringComparison.Ordinal)
            || (d.ImplementationType?.Namespace ?? "").StartsWith("OpenTelemetry", StringComparison.Ordinal));
        await using var host = await TestHost.StartAsync();
        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task With_an_endpoint_tracing_and_metrics_are_registered()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317" });

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
        Assert.Equal("meditron", host.Services.GetRequiredService<IOptions<Meditron.Application.Telemetry.TelemetryOptions>>().Value.ServiceName);
    }

    [Theory]
    [InlineData("localhost:4317")]
    [InlineData("collector")]
    [InlineData("ftp://collector:4317")]
    public async Task An_endpoint_that_is_not_an_http_url_stops_the_host_at_start_naming_the_setting(string endpoint)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestHost.StartAsync(new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = endpoint }));

        Assert.Contains("Telemetry:OtlpEndpoint", string.Join(" ", error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_otlp_http_endpoint_spans_and_counters_reach_it_without_the_question()
    {
        const string question = "How often are oral rehydration salts given?";
        using var receiver = new OtlpReceiver();
        var settings = new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = receiver.BaseUrl,
            ["Telemetry:OtlpProtocol"] = "HttpProtobuf",
            ["Telemetry:ServiceName"] = "meditron-telemetry-test",
            ["Answer:MinEvidenceSimilarity"] = "0",
        };
        // Over the in-process queue, so that the message counters move too.
        await using (var host = await TestHost.StartAsync(settings, services =>
        {
            services.AddSingleton<IAnswerGenerator, QueuedAnswerGenerator>();
            services.AddGenerationWorker(new ConfigurationBuilder().Build());
        }))
        {
            await AskServiceTests.IngestAsync(host, "ors.pdf", SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool."));
            await host.Services.GetRequiredService<AskService>().AskAsync(question, topK: null, new AnswerOptions(), CancellationToken.None);
        } // disposing the host flushes both providers

        var traces = Body(receiver, "/v1/traces");
        var metrics = Body(receiver, "/v1/metrics");
        foreach (string name in new[] { "meditron-telemetry-test", "ingest", "extract", "embed", "index", "ask", "retrieve", "generate" })
        {
            Assert.Contains(name, traces, StringComparison.Ordinal);
        }
        Assert.Contains("meditron.messaging.published", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("oral rehydration", traces + metrics, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>All bodies posted to <paramref name="path"/>, read as Latin-1 so that the protobuf's strings can be searched.</summary>
    private static string Body(OtlpReceiver receiver, string path)
    {
        var bodies = receiver.Exports.Where(e => e.Path == path).Select(e => Encoding.Latin1.GetString(e.Body)).ToList();
        Assert.NotEmpty(bodies);
        return string.Concat(bodies);
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddMeditron(configuration);
        return services;
    }
}
