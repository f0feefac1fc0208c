using Meditron.Core.Options;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Retrieval.Embedded;
using Meditron.Retrieval.Evaluation;
using Meditron.Retrieval.Qdrant;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meditron.Retrieval.Extensions;

public static class RetrievalServices
{
    /// <summary>
    /// The document registry, answers, API keys, sync state and clinicians' feedback in the embedded SQLite store under the data directory (unless
    /// Storage:Provider says otherwise), the chunk index chosen by
    /// Index:Provider (Embedded, or Qdrant with Index:Qdrant), and the retrieval service; needs an
    /// <see cref="IEmbedder"/> (AddIngestion registers it).
    /// </summary>
    public static IServiceCollection AddRetrieval(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DataOptions>().Bind(configuration.GetSection(DataOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        var storeOptions = services.AddOptions<EmbeddedStoreOptions>().Bind(configuration.GetSection(EmbeddedStoreOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        if (string.IsNullOrWhiteSpace(configuration[$"{EmbeddedStoreOptions.SectionName}:{nameof(EmbeddedStoreOptions.DataDirectory)}"]))
        {
            // The data directory, unless the embedded index is told to live elsewhere (one index shared by processes that
            // each have their own data directory: the multi-process test on a machine without a Qdrant server).
            storeOptions.PostConfigure<IOptions<DataOptions>>((store, data) => store.DataDirectory = data.Value.Directory);
        }
        services.AddOptions<RetrievalOptions>().Bind(configuration.GetSection(RetrievalOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton(sp => new EmbeddedStore(
            sp.GetRequiredService<IOptions<EmbeddedStoreOptions>>(),
            sp.GetRequiredService<ILogger<EmbeddedStore>>(),
            sp.GetRequiredService<TimeProvider>()));
        // Shared state in the embedded store; with Storage:Provider=Postgres the Postgres project registers it instead.
        bool embeddedState = StorageOptions.ProviderFrom(configuration[StorageOptions.ProviderKey]) == StorageProvider.Embedded;
        if (embeddedState)
        {
            services.AddSingleton<IDocumentRegistry>(sp => new SqliteDocumentRegistry(sp.GetRequiredService<EmbeddedStore>()));
            services.AddSingleton<IAnswerStore>(sp => new SqliteAnswerStore(sp.GetRequiredService<EmbeddedStore>()));
            services.AddSingleton<IApiKeyStore>(sp => new SqliteApiKeyStore(sp.GetRequiredService<EmbeddedStore>()));
            services.AddSingleton<ISyncSourceStore>(sp => new SqliteSyncSourceStore(sp.GetRequiredService<EmbeddedStore>()));
            services.AddSingleton<IFeedbackStore>(sp => new SqliteFeedbackStore(sp.GetRequiredService<EmbeddedStore>()));
        }
        var provider = configuration.GetSection(IndexOptions.SectionName).Get<IndexOptions>()?.Provider ?? IndexProvider.Embedded;
        // The index records the embedding model of its vectors and refuses another; asked for lazily, so the model
        // loads only when a write or a dense search needs it.
        services.AddSingleton<Func<EmbeddingModel>>(sp => () => EmbeddingModel.Of(sp.GetRequiredService<IEmbedder>()));
        if (provider == IndexProvider.Qdrant)
        {
            services.AddOptions<QdrantOptions>().Bind(configuration.GetSection(QdrantOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
            services.AddSingleton<IChunkIndex, QdrantChunkIndex>();
        }
        else
        {
            services.AddSingleton<IChunkIndex>(sp => new SqliteChunkIndex(
                sp.GetRequiredService<EmbeddedStore>(), sp.GetRequiredService<Func<EmbeddingModel>>(), registryElsewhere: !embeddedState));
        }
        services.AddSingleton<RetrievalService>();
        services.AddSingleton<RetrievalEvaluator>();
        return services;
    }
}
