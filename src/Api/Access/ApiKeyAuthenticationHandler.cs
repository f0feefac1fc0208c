using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Meditron.Application.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Meditron.Api.Access;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header, or else <c>Authorization: Bearer KEY</c> (what OpenAI clients, Dify and MCP
/// clients send), against the stored key hashes. The principal is named after the key and carries one
/// <see cref="ScopeClaim"/> per scope. No key or an unknown one: 401 ProblemDetails; a key without the endpoint's scope:
/// 403 ProblemDetails. Either way the <see cref="ApiKeyFailureFeature"/> says which case it was, for the error writers of
/// other protocols (the ProblemDetails goes through <see cref="IProblemDetailsService"/>, where they sit).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string ScopeClaim = "scope";
    public const string BearerScheme = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = PresentedKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }
        var key = await keys.AuthenticateAsync(presented, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }
        var claims = new List<Claim> { new(ClaimTypes.Name, key.Name) };
        claims.AddRange(key.Scopes.Select(scope => new Claim(ScopeClaim, scope)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>The key of the X-Api-Key header, else of <c>Authorization: Bearer KEY</c>; null when neither holds one.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValue(HeaderName, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]))
        {
            return values[0];
        }
        return AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var authorization)
            && authorization.Scheme.Equals(BearerScheme, StringComparison.OrdinalIgnoreCase)
            && !string.IsNullOrWhiteSpace(authorization.Parameter)
                ? authorization.Parameter.Trim()
                : null;
    }

    /// <summary>Why a request without a valid key was refused.</summary>
    public static ApiKeyFailure UnauthenticatedFailure(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (PresentedKey(request) is not null)
        {
            return ApiKeyFailure.UnknownKey;
        }
        return string.IsNullOrWhiteSpace(request.Headers.Authorization.ToString()) ? ApiKeyFailure.NoKey : ApiKeyFailure.MalformedAuthorization;
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        var failure = UnauthenticatedFailure(Request);
        Context.Features.Set(new ApiKeyFailureFeature(failure));
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "API key required",
                Detail = failure switch
                {
                    ApiKeyFailure.UnknownKey => "The API key is unknown or revoked.",
                    ApiKeyFailure.MalformedAuthorization => $"The Authorization header must read `{BearerScheme} KEY`; or send the key in the {HeaderName} header.",
                    _ => $"Send an API key in the {HeaderName} header or as `Authorization: {BearerScheme} KEY` (create one with `meditron keys create`).",
                },
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Context.Features.Set(new ApiKeyFailureFeature(ApiKeyFailure.ScopeMissing));
        var endpoint = Context.GetEndpoint();
        string needed = string.Join(", ", endpoint?.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
            .Select(a => a.Policy).OfType<string>().Distinct() ?? []);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Scope missing",
                Detail = $"The API key '{Context.User.Identity?.Name}' does not have the scope this endpoint needs ({needed}).",
            },
        });
    }
}
