using Meditron.Core.Options;
using Meditron.Core.Ports;
using Meditron.Ingestion.Chunking;
using Meditron.Ingestion.Content;
using Meditron.Ingestion.Embedding;
using Meditron.Ingestion.Extraction;
using Meditron.Ingestion.Intake;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Meditron.Ingestion.Extensions;

public static class IngestionServices
{
    /// <summary>
    /// Extraction, chunking, embedding (the ONNX model, shared with retrieval and the extractive engine),
    /// the content store under the data directory, intake and the ingestion handler; options bound from
    /// their sections and validated at start.
    /// </summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DataOptions>().Bind(configuration.GetSection(DataOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ExtractionOptions>().Bind(configuration.GetSection(ExtractionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChunkingOptions>().Bind(configuration.GetSection(ChunkingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart()
            .Validate<IOptions<EmbeddingOptions>>(
                (chunking, embedding) => chunking.MaxTokens <= embedding.Value.MaxTokens,
                "Chunking:MaxTokens must not exceed Embedding:MaxTokens, the model's window.");
        services.AddOptions<EmbeddingOptions>().Bind(configuration.GetSection(EmbeddingOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);

        if (StorageOptions.ProviderFrom(configuration[StorageOptions.ProviderKey]) == StorageProvider.Embedded)
        {
            // Otherwise the original PDFs are shared state: the storage provider's project registers their store.
            services.AddSingleton<IContentStore>(sp => new FileContentStore(sp.GetRequiredService<IOptions<DataOptions>>().Value.Directory));
        }
        services.AddSingleton<IEmbedder, OnnxEmbedder>();
        services.AddSingleton<PdfExtractor>();
        services.AddSingleton<SectionChunker>();
        services.AddSingleton<DocumentIntake>();
        services.AddSingleton<IngestDocumentHandler>();
        return services;
    }
}
