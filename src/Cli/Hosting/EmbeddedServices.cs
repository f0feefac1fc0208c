using Meditron.Cli.Answering;
using Meditron.Core.Ports;
using Meditron.Generation;
using Meditron.Generation.Extractive;
using Meditron.Generation.Llama;
using Meditron.Generation.Models;
using Meditron.Generation.OpenAi;
using Meditron.Ingestion;
using Meditron.Ingestion.Chunking;
using Meditron.Ingestion.Content;
using Meditron.Ingestion.Embedding;
using Meditron.Ingestion.Extraction;
using Meditron.Ingestion.Intake;
using Meditron.Cli.Commands;
using Meditron.Retrieval;
using Meditron.Retrieval.Embedded;
using Meditron.Retrieval.Evaluation;
using Meditron.Retrieval.Qdrant;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meditron.Cli.Hosting;

/// <summary>
/// Registrations of the embedded shape: everything in one process, stores under the data directory;
/// the chunk index may instead be Qdrant (Index:Provider), the registry staying embedded.
/// </summary>
internal static class EmbeddedServices
{
    public static IServiceCollection AddMeditronEmbedded(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DataOptions>(configuration, DataOptions.SectionName);
        services.AddValidatedOptions<ExtractionOptions>(configuration, ExtractionOptions.SectionName);
        services.AddValidatedOptions<ChunkingOptions>(configuration, ChunkingOptions.SectionName);
        services.AddValidatedOptions<EmbeddingOptions>(configuration, EmbeddingOptions.SectionName);
        services.AddOptions<ChunkingOptions>().Validate<IOptions<EmbeddingOptions>>(
            (chunking, embedding) => chunking.MaxTokens <= embedding.Value.MaxTokens,
            "Chunking:MaxTokens must not exceed Embedding:MaxTokens, the model's window.");
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton<IContentStore>(sp => new FileContentStore(DataDirectory(sp)));
        services.AddValidatedOptions<EmbeddedStoreOptions>(configuration, EmbeddedStoreOptions.SectionName);
        services.AddOptions<EmbeddedStoreOptions>().PostConfigure<IOptions<DataOptions>>((store, data) => store.DataDirectory = data.Value.Directory);
        services.AddSingleton(sp => new EmbeddedStore(
            sp.GetRequiredService<IOptions<EmbeddedStoreOptions>>(),
            sp.GetRequiredService<ILogger<EmbeddedStore>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDocumentRegistry>(sp => new SqliteDocumentRegistry(sp.GetRequiredService<EmbeddedStore>()));
        var provider = configuration.GetSection(IndexOptions.SectionName).Get<IndexOptions>()?.Provider ?? IndexProvider.Embedded;
        if (provider == IndexProvider.Qdrant)
        {
            services.AddValidatedOptions<QdrantOptions>(configuration, QdrantOptions.SectionName);
            services.AddSingleton<IChunkIndex, QdrantChunkIndex>();
        }
        else
        {
            services.AddSingleton<IChunkIndex>(sp => new SqliteChunkIndex(sp.GetRequiredService<EmbeddedStore>()));
        }

        services.AddSingleton<IEmbedder, OnnxEmbedder>();
        services.AddSingleton<PdfExtractor>();
        services.AddSingleton<SectionChunker>();
        services.AddSingleton<DocumentIntake>();
        services.AddSingleton<IngestDocumentHandler>();
        services.AddSingleton<IngestRunner>();

        services.AddValidatedOptions<RetrievalOptions>(configuration, RetrievalOptions.SectionName);
        services.AddSingleton<RetrievalService>();
        services.AddSingleton<RetrievalEvaluator>();

        services.AddValidatedOptions<AnswerPolicyOptions>(configuration, AnswerPolicyOptions.SectionName);
        services.AddValidatedOptions<ModelDownloaderOptions>(configuration, ModelDownloaderOptions.SectionName);
        services.AddValidatedOptions<LlamaOptions>(configuration, LlamaOptions.SectionName);
        var engine = configuration.GetSection(GenerationOptions.SectionName).Get<GenerationOptions>()?.Engine ?? AnswerEngineKind.Auto;
        bool hasModel = !string.IsNullOrWhiteSpace(configuration[$"{LlamaOptions.SectionName}:{nameof(LlamaOptions.ModelPath)}"]);
        if (engine == AnswerEngineKind.OpenAi)
        {
            // Validated only when chosen: Endpoint and Model are required for this engine alone.
            services.AddValidatedOptions<OpenAiOptions>(configuration, OpenAiOptions.SectionName);
            services.AddSingleton<IAnswerEngine, OpenAiEngine>();
        }
        else if (engine == AnswerEngineKind.LlamaSharp || (engine == AnswerEngineKind.Auto && hasModel))
        {
            services.AddSingleton<IAnswerEngine, LlamaEngine>();
        }
        else
        {
            services.AddSingleton<IAnswerEngine, ExtractiveEngine>();
        }
        services.AddSingleton<GenerateAnswerHandler>();
        services.AddSingleton<AskService>();
        services.AddSingleton<AnswerEvaluator>();
        return services;
    }

    private static string DataDirectory(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DataOptions>>().Value.Directory;

    private static void AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
}
