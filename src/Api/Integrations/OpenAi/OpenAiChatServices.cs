namespace Meditron.Api.Integrations.OpenAi;

public static class OpenAiChatServices
{
    /// <summary>The model ids and the OpenAI-shaped error writer, ahead of the default ProblemDetails writer.</summary>
    public static IServiceCollection AddOpenAiChat(this IServiceCollection services)
    {
        services.AddSingleton<ChatModels>();
        // ProblemDetailsService asks its writers in registration order: first, so it wins on its own endpoints.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, OpenAiProblemWriter>());
        return services;
    }
}
