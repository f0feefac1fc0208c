using Microsoft.Extensions.Logging;

namespace Meditron.Ingestion.Extraction;

/// <summary>Source-generated log messages of the extraction stage (ids, counts and page numbers only, never text).</summary>
internal static partial class ExtractionLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Extracting a PDF of {PageCount} pages ({ByteCount} bytes)")]
    public static partial void Started(ILogger logger, int pageCount, int byteCount);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Extracted {PageCount} pages ({OcrPageCount} by OCR, {BlockCount} blocks) in {ElapsedMs} ms")]
    public static partial void Completed(ILogger logger, int pageCount, int ocrPageCount, int blockCount, long elapsedMs);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Page {PageNumber} has no text layer and OCR gave no text ({Reason})")]
    public static partial void OcrUnavailable(ILogger logger, int pageNumber, OcrFailure reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "PDF rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string reason);
}
