namespace Meditron.Ingestion.Intake;

/// <summary>What <see cref="PdfFileCheck"/> found: accepted with its page count, or rejected with a reason to show the uploader.</summary>
public sealed record PdfCheckResult
{
    private PdfCheckResult(int pages, string? reason, bool isPdf = true)
    {
        Pages = pages;
        Reason = reason;
        IsPdf = isPdf;
    }

    /// <summary>Pages in the file; 0 when rejected.</summary>
    public int Pages { get; }

    /// <summary>Why the file was rejected, in words for a person; null when accepted.</summary>
    public string? Reason { get; }

    public bool Accepted => Reason is null;

    /// <summary>False when the file is not a PDF at all (no header), as opposed to a PDF that is damaged or refused.</summary>
    public bool IsPdf { get; }

    public static PdfCheckResult Accept(int pages) => new(pages, null);

    public static PdfCheckResult Reject(string reason) => new(0, reason);

    public static PdfCheckResult NotPdf(string reason) => new(0, reason, isPdf: false);
}
