using System.Net;

namespace Meditron.Client;

/// <summary>The API answered with an error: its status and the ProblemDetails it sent (title, detail, field errors).</summary>
public sealed class MeditronApiException : Exception
{
    public MeditronApiException(HttpStatusCode status, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors = null, TimeSpan? retryAfter = null)
        : base($"{(int)status} {title ?? status.ToString()}{(string.IsNullOrEmpty(detail) ? "" : ": " + detail)}")
    {
        StatusCode = status;
        Title = title;
        Detail = detail;
        Errors = errors ?? new Dictionary<string, string[]>();
        RetryAfter = retryAfter;
    }

    public MeditronApiException() : this(HttpStatusCode.InternalServerError, null, null)
    {
    }

    public MeditronApiException(string message) : base(message)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public MeditronApiException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public HttpStatusCode StatusCode { get; }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>The fields of a 400 validation problem and what is wrong with each.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>When to retry a 429 or 503.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>A document whose ingestion failed while the client waited for it to be indexed.</summary>
public sealed class DocumentIngestionFailedException(Models.GuidelineDocument document)
    : Exception($"Document {document.DocumentId} failed to be indexed: {document.Reason}")
{
    public Models.GuidelineDocument Document { get; } = document;
}
