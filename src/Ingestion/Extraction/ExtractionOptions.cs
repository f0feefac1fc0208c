using System.ComponentModel.DataAnnotations;

namespace Meditron.Ingestion.Extraction;

/// <summary>Limits and OCR settings for PDF extraction (configuration section "Extraction").</summary>
public sealed class ExtractionOptions
{
    public const string SectionName = "Extraction";

    /// <summary>Documents with more pages fail (protects a small machine from a runaway file).</summary>
    [Range(1, 100_000)]
    public int MaxPages { get; set; } = 5_000;

    /// <summary>A page whose extraction (OCR included) takes longer fails the document.</summary>
    [Range(1, 3_600)]
    public int PageTimeoutSeconds { get; set; } = 120;

    public bool OcrEnabled { get; set; } = true;

    /// <summary>Tesseract language codes joined by '+', e.g. "eng+fra+spa".</summary>
    [Required]
    public string OcrLanguages { get; set; } = "eng";

    [Range(1, 3_600)]
    public int OcrTimeoutSeconds { get; set; } = 90;

    [Range(72, 600)]
    public int OcrDpi { get; set; } = 300;
}
