namespace Meditron.Ingestion.Extraction;

/// <summary>The file cannot be extracted; <see cref="Exception.Message"/> is the reason shown to operators.</summary>
public sealed class ExtractionException : Exception
{
    public ExtractionException(string message) : base(message) { }
    public ExtractionException(string message, Exception innerException) : base(message, innerException) { }
    public ExtractionException() { }
}
