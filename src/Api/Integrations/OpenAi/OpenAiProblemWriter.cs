using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Meditron.Api.Integrations.OpenAi;

/// <summary>Endpoint metadata: this endpoint's errors are written in OpenAI's shape (<see cref="OpenAiProblemWriter"/>).</summary>
public sealed class OpenAiErrorShape
{
    public static readonly OpenAiErrorShape Instance = new();
}

/// <summary>
/// Every ProblemDetails of an <see cref="OpenAiErrorShape"/> endpoint (a bad key, a bad body, a rate limit, a body over
/// its limit, a failure) written as OpenAI's error body instead, so that OpenAI clients read the message: the status is
/// kept, <c>type</c> and <c>code</c> follow OpenAI's (<c>invalid_api_key</c> for 401), <c>param</c> names the field at fault.
/// </summary>
public sealed class OpenAiProblemWriter(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<OpenAiErrorShape>() is not null;
    }

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        int status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var (type, code) = status switch
        {
            StatusCodes.Status401Unauthorized => (OpenAiError.InvalidRequest, "invalid_api_key"),
            StatusCodes.Status403Forbidden => ("permission_error", "insufficient_scope"),
            StatusCodes.Status429TooManyRequests => ("requests", "rate_limit_exceeded"),
            >= 500 => (OpenAiError.ServerError, (string?)null),
            _ => (OpenAiError.InvalidRequest, null),
        };
        if (problem.Extensions.TryGetValue("code", out var given) && given is string named)
        {
            code = named;
        }
        string message = problem.Detail ?? problem.Title ?? ReasonPhrases.GetReasonPhrase(status);
        string? param = null;
        if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation)
        {
            var first = validation.Errors.First();
            (param, message) = (first.Key, string.Join(" ", first.Value));
        }
        context.HttpContext.Response.StatusCode = status;
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            OpenAiError.Body(message, type, param, code), json.Value.SerializerOptions, contentType: "application/json", context.HttpContext.RequestAborted));
    }
}
