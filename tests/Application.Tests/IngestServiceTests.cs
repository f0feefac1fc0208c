using Meditron.Application.Extensions;
using Meditron.Application.Ingesting;
using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Meditron.Ingestion.Intake;
using Meditron.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Meditron.Application.Tests;

public sealed class IngestServiceTests
{
    [Fact]
    public async Task Enqueued_over_the_in_process_transport_a_document_is_indexed_by_the_worker_of_the_same_host()
    {
        // The API host's shape: no broker, the ingestion worker in process.
        await using var host = await TestHost.StartAsync(replace: services => services.AddIngestionWorker(new ConfigurationBuilder().Build()));
        string path = host.File("ors.pdf");
        await File.WriteAllBytesAsync(path, SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool."));

        var report = await host.Services.GetRequiredService<IngestService>().EnqueueAsync(path, manifest: null, new MetadataOverrides(), CancellationToken.None);

        Assert.Equal(IngestFileReport.QueuedStatus, report.Status);
        var registry = host.Services.GetRequiredService<IDocumentRegistry>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        DocumentRecord? document;
        while ((document = await registry.GetAsync(report.DocumentId!, CancellationToken.None))?.Status != DocumentStatus.Indexed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal((DocumentStatus.Indexed, true), (document!.Status, document.Current));
    }

    [Fact]
    public async Task A_worker_whose_embedding_model_does_not_fit_the_index_retries_then_fails_the_document_with_the_reason()
    {
        await using var first = await TestHost.StartAsync();
        string indexed = first.File("ors.pdf");
        await File.WriteAllBytesAsync(indexed, SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool."));
        Assert.Equal(IngestFileReport.IndexedStatus, (await first.Services.GetRequiredService<IngestService>()
            .IngestAsync(indexed, manifest: null, new MetadataOverrides(), progress: null, CancellationToken.None)).Status);

        // Another host over the same data directory with other Embedding settings, its ingestion worker in process.
        await using var second = await TestHost.StartAsync(
            new Dictionary<string, string?> { ["Data:Directory"] = Path.GetDirectoryName(indexed)!, ["Embedding:Pooling"] = "Cls" },
            services => services.AddIngestionWorker(new ConfigurationBuilder().Build()));
        string path = second.File("zinc.pdf");
        await File.WriteAllBytesAsync(path, SmallPdfs.Guideline("2 Diarrhoea", "Give zinc for ten to fourteen days."));

        var report = await second.Services.GetRequiredService<IngestService>().EnqueueAsync(path, manifest: null, new MetadataOverrides(), CancellationToken.None);

        var registry = second.Services.GetRequiredService<IDocumentRegistry>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        DocumentRecord? document;
        while ((document = await registry.GetAsync(report.DocumentId!, CancellationToken.None))?.Status != DocumentStatus.Failed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal(DocumentStatus.Failed, document!.Status);
        Assert.Contains("'all-MiniLM-L6-v2 (cls pooling)'", document.Reason, StringComparison.Ordinal);
        Assert.Contains("re-ingest", document.Reason, StringComparison.Ordinal);
    }
}
