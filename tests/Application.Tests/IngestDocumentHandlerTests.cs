using Meditron.Core.Documents;
using Meditron.Core.Handlers;
using Meditron.Core.Messages;
using Meditron.Core.Options;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Ingestion;
using Meditron.Ingestion.Content;
using Meditron.Ingestion.Intake;
using Meditron.Retrieval;
using Meditron.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Meditron.Application.Tests;

/// <summary>The handler a queue worker runs: Success, TransientError or FatalError; an exception only for an index of another embedding model.</summary>
public sealed class IngestDocumentHandlerTests
{
    private static readonly byte[] Pdf = SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool.");

    [Fact]
    public async Task A_redelivered_message_changes_nothing_twice()
    {
        await using var host = await TestHost.StartAsync();
        var message = await TakeAsync(host, "ors.pdf", Pdf);
        var handler = host.Services.GetRequiredService<IngestDocumentHandler>();
        var index = host.Services.GetRequiredService<IChunkIndex>();

        Assert.Equal(HandlerResult.Success, await handler.HandleAsync(message, CancellationToken.None));
        int chunks = (await index.GetChunksAsync(message.DocumentId, CancellationToken.None)).Count;
        Assert.Equal(HandlerResult.Success, await handler.HandleAsync(message, CancellationToken.None));

        Assert.Equal(chunks, (await index.GetChunksAsync(message.DocumentId, CancellationToken.None)).Count);
        Assert.Equal(DocumentStatus.Indexed, (await Registry(host).GetAsync(message.DocumentId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Each_guidance_chunk_is_indexed_with_its_text_embedded_alone_and_other_kinds_without()
    {
        await using var host = await TestHost.StartAsync();
        var message = await TakeAsync(host, "snake.pdf", SmallPdfs.ContentsThenGuidance());

        Assert.Equal(HandlerResult.Success, await host.Services.GetRequiredService<IngestDocumentHandler>().HandleAsync(message, CancellationToken.None));

        var stored = new List<EmbeddedChunk>();
        await foreach (var chunk in ((Meditron.Retrieval.Embedded.SqliteChunkIndex)host.Services.GetRequiredService<IChunkIndex>()).ReadIndexedAsync(cancellationToken: CancellationToken.None))
        {
            stored.Add(chunk);
        }
        var guidance = stored.Where(c => c.Chunk.Kind == ChunkKind.Guidance).ToList();
        Assert.NotEmpty(guidance);
        Assert.Contains(stored, c => c.Chunk.Kind == ChunkKind.Contents);
        Assert.All(stored.Where(c => c.Chunk.Kind != ChunkKind.Guidance), c => Assert.Null(c.TextVector));
        var embedder = host.Services.GetRequiredService<IEmbedder>();
        var alone = embedder.Embed(guidance.Select(c => c.Chunk.Text).ToList(), EmbeddingPurpose.Passage);
        for (var i = 0; i < guidance.Count; i++)
        {
            Assert.Equal(1f, System.Numerics.Tensors.TensorPrimitives.Dot(alone[i], guidance[i].TextVector!), 4);
            Assert.True(System.Numerics.Tensors.TensorPrimitives.Dot(guidance[i].Vector, guidance[i].TextVector!) < 0.9999f, "the search vector reads the title and section too");
        }
    }

    [Fact]
    public async Task A_corrupt_file_is_a_fatal_error_and_the_document_is_failed_with_its_reason()
    {
        await using var host = await TestHost.StartAsync();
        var message = await TakeAsync(host, "truncated.pdf", Pdf[..(Pdf.Length / 3)]);

        var result = await host.Services.GetRequiredService<IngestDocumentHandler>().HandleAsync(message, CancellationToken.None);

        Assert.Equal(HandlerOutcome.FatalError, result.Outcome);
        var document = await Registry(host).GetAsync(message.DocumentId, CancellationToken.None);
        Assert.Equal(DocumentStatus.Failed, document!.Status);
        Assert.Equal(result.Reason, document.Reason);
    }

    [Fact]
    public async Task A_content_store_that_cannot_be_read_is_a_transient_error_and_the_document_stays_processing_for_a_retry()
    {
        await using var host = await TestHost.StartAsync(replace: services =>
            services.AddSingleton<IContentStore>(sp => new UnreadableContentStore(new FileContentStore(sp.GetRequiredService<IOptions<DataOptions>>().Value.Directory))));
        var message = await TakeAsync(host, "ors.pdf", Pdf);

        var result = await host.Services.GetRequiredService<IngestDocumentHandler>().HandleAsync(message, CancellationToken.None);

        Assert.Equal(HandlerOutcome.TransientError, result.Outcome);
        Assert.Contains("IOException", result.Reason, StringComparison.Ordinal);
        var document = await Registry(host).GetAsync(message.DocumentId, CancellationToken.None);
        Assert.Equal((DocumentStatus.Processing, 1, (string?)null), (document!.Status, document.Attempts, document.Reason));
    }

    [Fact]
    public async Task An_index_of_another_embedding_model_is_refused_before_any_work_and_search_refuses_it_too()
    {
        await using var first = await TestHost.StartAsync();
        var indexed = await TakeAsync(first, "ors.pdf", Pdf);
        Assert.Equal(HandlerResult.Success, await first.Services.GetRequiredService<IngestDocumentHandler>().HandleAsync(indexed, CancellationToken.None));

        // The same data directory, the bundled model read another way (CLS pooling): vectors that must not be mixed.
        await using var second = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Data:Directory"] = Path.GetDirectoryName(first.File("x"))!,
            ["Embedding:Pooling"] = "Cls",
        });
        var message = await TakeAsync(second, "zinc.pdf", SmallPdfs.Guideline("2 Diarrhoea", "Give zinc for ten to fourteen days."));

        var refused = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(
            () => second.Services.GetRequiredService<IngestDocumentHandler>().HandleAsync(message, CancellationToken.None));
        Assert.Equal(new EmbeddingModel("all-MiniLM-L6-v2", 384), refused.Indexed);
        Assert.Equal(new EmbeddingModel("all-MiniLM-L6-v2 (cls pooling)", 384), refused.Configured);
        Assert.Equal(DocumentStatus.Pending, (await Registry(second).GetAsync(message.DocumentId, CancellationToken.None))!.Status);

        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => second.Services.GetRequiredService<RetrievalService>()
            .SearchAsync(new SearchRequest { Query = "oral rehydration salts" }, CancellationToken.None));
    }

    private static IDocumentRegistry Registry(TestHost host) => host.Services.GetRequiredService<IDocumentRegistry>();

    private static async Task<IngestDocument> TakeAsync(TestHost host, string name, byte[] pdf)
    {
        string path = host.File(name);
        await File.WriteAllBytesAsync(path, pdf);
        var metadata = MetadataResolver.Resolve(path, manifest: null, new MetadataOverrides());
        var taken = await host.Services.GetRequiredService<DocumentIntake>().TakeAsync(path, metadata, CancellationToken.None);
        return taken.Message!;
    }

    /// <summary>Stores as the real store does, but every read fails as a disk or network share would.</summary>
    private sealed class UnreadableContentStore(IContentStore inner) : IContentStore
    {
        public Task<string> PutAsync(Stream content, string sha256, CancellationToken cancellationToken) => inner.PutAsync(content, sha256, cancellationToken);

        public Task<Stream> OpenAsync(string contentRef, CancellationToken cancellationToken) => throw new IOException("Input/output error");

        public Task DeleteAsync(string contentRef, CancellationToken cancellationToken) => inner.DeleteAsync(contentRef, cancellationToken);
    }
}
