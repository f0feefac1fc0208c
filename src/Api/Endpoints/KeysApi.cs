using Meditron.Application.Access;
using Meditron.Core.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meditron.Api.Endpoints;

/// <summary>API keys over HTTP, for operators (admin scope); the same as `meditron keys`.</summary>
public static class KeysApi
{
    public sealed record CreateKeyRequest(string? Name, IReadOnlyList<string>? Scopes);

    /// <summary>A key as listed: never its secret or hash.</summary>
    public sealed record KeyResponse(string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

    /// <summary>The new key: <see cref="Key"/> is shown this once.</summary>
    public sealed record CreatedKeyResponse(string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string Key);

    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/v1/keys").RequireAuthorization(ApiScopes.Admin).WithTags("Keys");
        keys.MapGet("/", ListAsync).WithName("ListKeys").WithSummary("API keys: name, prefix, scopes, created, revoked");
        keys.MapPost("/", CreateAsync).WithName("CreateKey").WithSummary("Create a key; its secret is in this response only");
        keys.MapDelete("/{name}", RevokeAsync).WithName("RevokeKey").WithSummary("Revoke a key by name");
        return app;
    }

    internal static async Task<Ok<List<KeyResponse>>> ListAsync(ApiKeyService keys, CancellationToken cancellationToken) =>
        TypedResults.Ok((await keys.ListAsync(cancellationToken)).Select(k => new KeyResponse(k.Name, k.Prefix, k.Scopes, k.CreatedAt, k.RevokedAt)).ToList());

    internal static async Task<Results<Created<CreatedKeyResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateKeyRequest body, ApiKeyService keys, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (ApiKeyRules.NameError(body.Name) is { } nameError)
        {
            errors["name"] = [nameError];
        }
        if (ApiKeyRules.ScopesError(body.Scopes) is { } scopesError)
        {
            errors["scopes"] = [scopesError];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        try
        {
            var (record, secret) = await keys.CreateAsync(body.Name!, body.Scopes!, cancellationToken);
            return TypedResults.Created($"/v1/keys/{record.Name}", new CreatedKeyResponse(record.Name, record.Prefix, record.Scopes, record.CreatedAt, secret));
        }
        catch (ApiKeyNameTakenException e)
        {
            return TypedResults.Problem(title: "Name taken", detail: e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string name, ApiKeyService keys, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(name, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(title: "No such key", detail: $"No active key is named {name}.", statusCode: StatusCodes.Status404NotFound);
}
