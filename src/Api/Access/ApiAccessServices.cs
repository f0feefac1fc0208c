using System.Globalization;
using System.Threading.RateLimiting;
using Meditron.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Meditron.Api.Access;

/// <summary>API keys with scopes, per-key rate limits and CORS.</summary>
public static class ApiAccessServices
{
    public static IServiceCollection AddApiAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        var authorization = services.AddAuthorizationBuilder();
        // One policy per scope, named after it: .RequireAuthorization(ApiScopes.Ask).
        foreach (string scope in ApiScopes.All)
        {
            authorization.AddPolicy(scope, policy => policy.RequireAuthenticatedUser().RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, scope));
        }

        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(PartitionFor);
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
        });

        string[] origins = configuration.GetSection($"{ApiOptions.SectionName}:{nameof(ApiOptions.CorsOrigins)}").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST", "DELETE")
            // MCP-Protocol-Version: browser-based MCP clients send it on every request to /mcp.
            .WithHeaders(ApiKeyAuthenticationHandler.HeaderName, "Authorization", "Content-Type", "Accept", "Last-Event-ID", "MCP-Protocol-Version")
            .WithExposedHeaders("Location", "Retry-After", "X-Request-Id")));
        return services;
    }

    /// <summary>A token bucket per API key (per client address for requests without a valid key); probes and metrics are not limited.</summary>
    private static RateLimitPartition<string> PartitionFor(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics"))
        {
            return RateLimitPartition.GetNoLimiter("probes");
        }
        var options = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
        string partition = context.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? "key:" + name
            : "address:" + context.Connection.RemoteIpAddress;
        return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.RequestBurst,
            TokensPerPeriod = options.RequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        int seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 1;
        context.Response.Headers.RetryAfter = Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This API key made more than its {context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RequestsPerSecond} requests per second; retry after the Retry-After seconds.",
            },
        });
    }
}
