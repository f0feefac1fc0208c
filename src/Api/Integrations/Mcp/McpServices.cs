using Meditron.Core.Access;
using ModelContextProtocol.AspNetCore;

namespace Meditron.Api.Integrations.Mcp;

/// <summary>
/// The MCP server at <c>/mcp</c> (Streamable HTTP): the guideline tools for agents, behind the same API keys as the
/// REST API (scope <c>ask</c>).
/// </summary>
public static class McpServices
{
    public const string Path = "/mcp";

    public static IServiceCollection AddMeditronMcp(this IServiceCollection services)
    {
        // The tools build page links from the request they answer (Api:PublicBaseUrl aside).
        services.AddHttpContextAccessor();
        services.AddMcpServer(server => server.ServerInfo = new() { Name = "meditron-guidelines", Version = typeof(McpServices).Assembly.GetName().Version?.ToString() ?? "1.0" })
            // Stateless: every POST is authenticated on its own and any API replica can answer it; the tools
            // need no session (no notifications, no requests back to the client).
            .WithHttpTransport(http => http.SessionMode = HttpServerSessionMode.Stateless)
            .WithTools<GuidelineTools>(McpJson.Options);
        return services;
    }

    public static IEndpointRouteBuilder MapMeditronMcp(this IEndpointRouteBuilder app)
    {
        // JSON-RPC, not REST: described by the tools themselves (tools/list), not in the OpenAPI document.
        app.MapMcp(Path).RequireAuthorization(ApiScopes.Ask).ExcludeFromDescription();
        return app;
    }
}
