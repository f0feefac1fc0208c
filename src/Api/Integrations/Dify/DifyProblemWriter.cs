using Meditron.Api.Access;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Meditron.Api.Integrations.Dify;

/// <summary>Endpoint metadata: this endpoint's errors are written in Dify's shape (<see cref="DifyProblemWriter"/>).</summary>
public sealed class DifyErrorShape
{
    public static readonly DifyErrorShape Instance = new();
}

/// <summary>
/// Every ProblemDetails of a <see cref="DifyErrorShape"/> endpoint written as Dify's <c>{"error_code", "error_msg"}</c>.
/// Refused keys follow Dify's contract: 403 with 1001 (no Authorization header, or not <c>Bearer KEY</c>) or 1002 (an
/// unknown or revoked key, or one without the ask scope). Other errors keep their status, which is also their
/// error_code (400 a bad body, 413, 429, 500, 503): Dify defines no code for them and shows error_msg to its user.
/// </summary>
public sealed class DifyProblemWriter(IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<DifyErrorShape>() is not null;
    }

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        int status = problem.Status ?? http.Response.StatusCode;
        string message = problem.Detail ?? problem.Title ?? ReasonPhrases.GetReasonPhrase(status);
        if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation)
        {
            message = string.Join(" ", validation.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
        }
        int code = status;
        if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
        {
            var failure = http.Features.Get<ApiKeyFailureFeature>()?.Failure ?? ApiKeyFailure.UnknownKey;
            (status, code, message) = failure is ApiKeyFailure.NoKey or ApiKeyFailure.MalformedAuthorization
                ? (StatusCodes.Status403Forbidden, DifyError.InvalidAuthorizationHeader, "Invalid Authorization header format. Expected 'Bearer <api-key>' format.")
                : (StatusCodes.Status403Forbidden, DifyError.AuthorizationFailed, failure == ApiKeyFailure.ScopeMissing
                    ? "Authorization failed: the API key does not have the ask scope."
                    : "Authorization failed: the API key is unknown or revoked.");
        }
        http.Response.StatusCode = status;
        return new ValueTask(http.Response.WriteAsJsonAsync(new DifyError(code, message), json.Value.SerializerOptions, contentType: "application/json", http.RequestAborted));
    }
}
