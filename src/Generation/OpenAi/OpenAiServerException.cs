namespace Meditron.Generation.OpenAi;

/// <summary>
/// The OpenAI-compatible server could not be reached or refused the request. The message names the
/// endpoint, model and HTTP status, never the question or the evidence (the server's reply body may echo
/// them, so it is only logged at Debug).
/// </summary>
public sealed class OpenAiServerException : Exception
{
    public OpenAiServerException()
    {
    }

    public OpenAiServerException(string message) : base(message)
    {
    }

    public OpenAiServerException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public OpenAiServerException(string message, string endpoint, int? status, Exception? innerException = null)
        : base(message, innerException)
    {
        Endpoint = endpoint;
        Status = status;
    }

    /// <summary>The configured base URL.</summary>
    public string Endpoint { get; } = "";

    /// <summary>The HTTP status the server answered with; null when no answer came (unreachable, timed out).</summary>
    public int? Status { get; }
}
