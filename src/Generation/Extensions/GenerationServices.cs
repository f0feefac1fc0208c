using Meditron.Core.Ports;
using Meditron.Generation.Extractive;
using Meditron.Generation.Llama;
using Meditron.Generation.Models;
using Meditron.Generation.OpenAi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meditron.Generation.Extensions;

public static class GenerationServices
{
    /// <summary>
    /// The answer engine chosen by Generation:Engine (Auto: LlamaSharp when Generation:Llama:ModelPath is set,
    /// else Extractive; or OpenAi), the answer policy, the model downloader and the generation handler.
    /// The extractive engine needs an <see cref="IEmbedder"/> (AddIngestion registers it).
    /// </summary>
    public static IServiceCollection AddGeneration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnswerPolicyOptions>().Bind(configuration.GetSection(AnswerPolicyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ModelDownloaderOptions>().Bind(configuration.GetSection(ModelDownloaderOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LlamaOptions>().Bind(configuration.GetSection(LlamaOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        var engine = configuration.GetSection(GenerationOptions.SectionName).Get<GenerationOptions>()?.Engine ?? AnswerEngineKind.Auto;
        bool hasModel = !string.IsNullOrWhiteSpace(configuration[$"{LlamaOptions.SectionName}:{nameof(LlamaOptions.ModelPath)}"]);
        if (engine == AnswerEngineKind.OpenAi)
        {
            // Validated only when chosen: Endpoint and Model are required for this engine alone.
            services.AddOptions<OpenAiOptions>().Bind(configuration.GetSection(OpenAiOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
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
        // Always there: a request may ask for the extractive engine by name (AnswerOptions.Engine). Stateless and
        // cheap, so a second instance next to the configured one costs nothing.
        services.AddSingleton<ExtractiveEngine>();
        services.AddSingleton<GenerateAnswerHandler>();
        services.AddSingleton(ModelCatalog.Default);
        // Only the response headers are bound by the timeout: the body of a multi-GB GGUF is read after them.
        services.AddSingleton(sp => new ModelDownloader(
            new HttpClient { Timeout = TimeSpan.FromMinutes(2) },
            sp.GetRequiredService<ModelCatalog>(),
            sp.GetRequiredService<IOptions<ModelDownloaderOptions>>(),
            sp.GetRequiredService<ILogger<ModelDownloader>>()));
        return services;
    }
}
