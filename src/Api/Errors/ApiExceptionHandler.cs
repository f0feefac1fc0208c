using Meditron.Core.Retrieval;
using Meditron.Messaging;
using Microsoft.AspNetCore.Diagnostics;

namespace Meditron.Api.Errors;

/// <summary>
/// Turns exceptions into ProblemDetails: a bad request the server noticed while reading (malformed JSON, a body over
/// its limit) keeps its 4xx; a broker or worker that did not answer, or an index built with another embedding model,
/// is 503; anything else is 500 without details
/// (the log has them, under the request id).
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true; // the caller went away: nobody to answer
        }
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request", bad.Message),
            // A multipart body over its limit, or not multipart at all.
            InvalidDataException when exception.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) => (StatusCodes.Status413PayloadTooLarge, "Request too large", exception.Message),
            InvalidDataException => (StatusCodes.Status400BadRequest, "Bad request", exception.Message),
            MessagingException or TimeoutException => (StatusCodes.Status503ServiceUnavailable, "Service unavailable", exception.Message),
            // The index holds another model's vectors: nothing can be searched until an operator re-ingests or reconfigures.
            EmbeddingModelMismatchException => (StatusCodes.Status503ServiceUnavailable, "Index built with another embedding model", exception.Message),
            // The Qdrant collection does not exist yet: nothing ingested, or a mistyped collection name.
            IndexNotInitializedException => (StatusCodes.Status503ServiceUnavailable, "Nothing indexed yet", exception.Message),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", $"The server failed on request {httpContext.TraceIdentifier}; its log has the details."),
        };
        if (status >= 500)
        {
            LogFailed(httpContext.TraceIdentifier, exception);
        }
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(EventId = 8001, Level = LogLevel.Error, Message = "Request {RequestId} failed")]
    private partial void LogFailed(string requestId, Exception exception);
}
