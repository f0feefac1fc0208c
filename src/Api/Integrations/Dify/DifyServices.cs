namespace Meditron.Api.Integrations.Dify;

public static class DifyServices
{
    /// <summary>The Dify-shaped error writer, ahead of the default ProblemDetails writer.</summary>
    public static IServiceCollection AddDifyRetrieval(this IServiceCollection services)
    {
        // ProblemDetailsService asks its writers in registration order: first, so it wins on its own endpoint.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, DifyProblemWriter>());
        return services;
    }
}
