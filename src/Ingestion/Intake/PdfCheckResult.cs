namespace Meditron.Ingestion.Intake;

/// <summary>What <see cref="PdfFileCheck"/> found: accepted with its page count, or rejected with a reason to show the uploader.</summary>
public sealed record PdfCheckResult
{
    private PdfCheckResult(int pages, string? reason)
    {
        Pages = pages;
        Reason = reason;
    }

    /// <summary>Pages in the file; 0 when rejected.</summary>
    public int Pages { get; }

    /// <summary>Why the file was rejected, in words for a person; null when accepted.</summary>
    public string? Reason { get; }

    public bool Accepted => Reason is null;

    public static PdfCheckResult Accept(int pages) => new(pages, null);

    public static PdfCheckResult Reject(string reason) => new(0, reason);
}
