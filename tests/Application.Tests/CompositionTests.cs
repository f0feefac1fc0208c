using Meditron.Core.Ports;
using Meditron.Generation.Extractive;
using Meditron.Generation.Llama;
using Meditron.Generation.OpenAi;
using Meditron.Retrieval.Embedded;
using Meditron.Retrieval.Qdrant;
using Meditron.Application.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Meditron.Application.Tests;

/// <summary>Each project chooses its own adapters from configuration; a host only calls AddMeditron.</summary>
public sealed class CompositionTests
{
    [Fact]
    public async Task By_default_the_index_is_embedded_and_answers_are_extractive()
    {
        await using var host = await TestHost.StartAsync();

        Assert.IsType<SqliteChunkIndex>(host.Services.GetRequiredService<IChunkIndex>());
        Assert.IsType<ExtractiveEngine>(host.Services.GetRequiredService<IAnswerEngine>());
    }

    [Fact]
    public void Configuration_chooses_qdrant_and_the_engine()
    {
        Assert.Equal(typeof(QdrantChunkIndex), Registered<IChunkIndex>(new() { ["Index:Provider"] = "Qdrant" }));
        Assert.Equal(typeof(LlamaEngine), Registered<IAnswerEngine>(new() { ["Generation:Llama:ModelPath"] = "/models/meditron-7b.Q4_K_M.gguf" }));
        Assert.Equal(typeof(OpenAiEngine), Registered<IAnswerEngine>(new() { ["Generation:Engine"] = "OpenAi" }));
        Assert.Equal(typeof(ExtractiveEngine), Registered<IAnswerEngine>(new() { ["Generation:Engine"] = "Extractive", ["Generation:Llama:ModelPath"] = "/m.gguf" }));
    }

    [Fact]
    public async Task A_chosen_engine_without_its_settings_stops_the_host_at_start_naming_them()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(new Dictionary<string, string?> { ["Generation:Engine"] = "OpenAi" }));

        Assert.Contains("Endpoint", string.Join(" ", error.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Embedded")]
    [InlineData("Qdrant")]
    public void The_index_asks_for_the_embedding_model_only_when_it_needs_it(string provider)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Index:Provider"] = provider,
            ["Data:Directory"] = Path.GetTempPath(),
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddMeditron(configuration);
        services.AddSingleton<IEmbedder>(_ => throw new InvalidOperationException("the embedding model was loaded"));
        using var provided = services.BuildServiceProvider();

        // Listing, deleting and BM25 searches need no model: building the index must not load it.
        Assert.NotNull(provided.GetRequiredService<IChunkIndex>());
        var asked = Assert.Throws<InvalidOperationException>(() => provided.GetRequiredService<Func<Core.Retrieval.EmbeddingModel>>()());
        Assert.Equal("the embedding model was loaded", asked.Message);
    }

    private static Type? Registered<T>(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddMeditron(configuration);
        return services.Last(d => d.ServiceType == typeof(T)).ImplementationType;
    }
}
