using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Extracts a PDF's text as pages of blocks in reading order, with printed page labels, section
/// paths, tables as rows, running headers/footers removed and an OCR fallback for pages without text.
/// </summary>
public sealed class PdfExtractor
{
    private const int MaxWorkers = 4;
    private const int MinPagesPerWorker = 4;

    private readonly ExtractionOptions options;
    private readonly ILogger<PdfExtractor> logger;

    public PdfExtractor(IOptions<ExtractionOptions> options, ILogger<PdfExtractor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.logger = logger;
    }

    /// <summary>Test seam: runs inside each page's watchdog before the page is read (1-based page number).</summary>
    internal Action<int>? BeforePage { get; set; }

    /// <summary>Extracts the whole document.</summary>
    /// <param name="pageRead">
    /// Called after each page is read with (pages read so far, page count); called from the reading
    /// workers, one call at a time, in increasing order.
    /// </param>
    /// <exception cref="ExtractionException">The file is empty, not a PDF, damaged, encrypted, has no pages or too many, or a page took too long.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked between pages).</exception>
    public ExtractedDocument Extract(Stream pdf, CancellationToken cancellationToken, Action<int, int>? pageRead = null)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        try
        {
            return ExtractCore(pdf, pageRead, cancellationToken);
        }
        catch (ExtractionException ex)
        {
            ExtractionLog.Rejected(logger, ex.Message);
            throw;
        }
    }

    private ExtractedDocument ExtractCore(Stream pdf, Action<int, int>? pageRead, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var bytes = PdfInput.Read(pdf);
        using var document = Open(bytes);
        var pageCount = CountPages(document);
        ExtractionLog.Started(logger, pageCount, bytes.Length);

        var pages = ReadPages(document, bytes, pageCount, pageRead, cancellationToken);
        RunningHeaderFilter.Apply(pages);
        foreach (var page in pages)
        {
            PageNumberDetector.Detect(page);
        }

        var labels = PageLabelResolver.Resolve(pages, PageLabelReader.Read(document));
        var extracted = SectionBuilder.Build(pages, labels);
        var ocrPages = extracted.Count(p => p.Ocr);
        var blockCount = extracted.Sum(p => p.Blocks.Count);
        ExtractionLog.Completed(logger, extracted.Count, ocrPages, blockCount, stopwatch.ElapsedMilliseconds);

        return new ExtractedDocument(extracted);
    }

    private static PdfDocument Open(byte[] bytes)
    {
        try
        {
            return PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new ExtractionException("The PDF is encrypted (password protected) and cannot be read.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ExtractionException($"The PDF is damaged or truncated and cannot be opened ({ex.GetType().Name}).", ex);
        }
    }

    private int CountPages(PdfDocument document)
    {
        int count;
        try
        {
            count = document.NumberOfPages;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ExtractionException($"The PDF is damaged: its page tree cannot be read ({ex.GetType().Name}).", ex);
        }

        if (count <= 0)
        {
            throw new ExtractionException("The PDF has no pages.");
        }

        if (count > options.MaxPages)
        {
            throw new ExtractionException($"The PDF has {count} pages, more than the limit of {options.MaxPages}.");
        }

        return count;
    }

    /// <summary>
    /// Reads all pages, on a few workers with their own parser instance (PdfPig documents are not
    /// thread-safe), so that OCR and layout analysis overlap on a multi-core machine.
    /// </summary>
    private LayoutPage[] ReadPages(PdfDocument document, byte[] bytes, int pageCount, Action<int, int>? pageRead, CancellationToken cancellationToken)
    {
        var workers = Math.Clamp(Math.Min(Environment.ProcessorCount, MaxWorkers), 1, Math.Max(1, pageCount / MinPagesPerWorker));
        var results = new LayoutPage[pageCount];
        var documents = new PdfDocument[workers];
        documents[0] = document;
        var ocr = new OcrEngine(options);
        var next = 0;
        var pagesRead = 0;
        var pageReadGate = new object();
        Exception? failure = null;
        using var ocrSource = new OcrSource(bytes);
        using var stop = new CancellationTokenSource();
        try
        {
            for (var w = 1; w < workers; w++)
            {
                documents[w] = Open(bytes);
            }

            var tasks = documents.Select(doc => Task.Factory.StartNew(
                () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var number = Interlocked.Increment(ref next);
                        if (number > pageCount)
                        {
                            return;
                        }

                        try
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            results[number - 1] = WithWatchdog(number, () => ReadPage(doc, number, ocr, ocrSource, cancellationToken), cancellationToken);
                            if (pageRead is not null)
                            {
                                // One call at a time, so the receiver sees the count only grow.
                                lock (pageReadGate)
                                {
                                    pageRead(++pagesRead, pageCount);
                                }
                            }
                        }
                        catch (Exception ex)
                        {
                            Interlocked.CompareExchange(ref failure, ex, null);
                            stop.Cancel();
                            return;
                        }
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)).ToArray();
            Task.WaitAll(tasks, CancellationToken.None);
        }
        finally
        {
            for (var w = 1; w < documents.Length; w++)
            {
                documents[w]?.Dispose();
            }
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return results;
    }

    private LayoutPage ReadPage(PdfDocument document, int number, OcrEngine ocr, OcrSource ocrSource, CancellationToken cancellationToken)
    {
        BeforePage?.Invoke(number);
        var page = document.GetPage(number);
        if (!PageAnalyzer.NeedsOcr(page))
        {
            return PageAnalyzer.Analyze(page);
        }

        var failure = ocr.Recognize(ocrSource.Path, number, cancellationToken, out var paragraphs);
        if (failure != OcrFailure.None)
        {
            ExtractionLog.OcrUnavailable(logger, number, failure);
        }

        return new LayoutPage(number, page.Height) { Ocr = failure == OcrFailure.None, OcrParagraphs = paragraphs };
    }

    /// <summary>Runs one page's work, failing the document when it exceeds the page timeout.</summary>
    private T WithWatchdog<T>(int pageNumber, Func<T> work, CancellationToken cancellationToken)
    {
        var task = Task.Run(work, CancellationToken.None);
        try
        {
            if (task.Wait(TimeSpan.FromSeconds(options.PageTimeoutSeconds), cancellationToken))
            {
                return task.Result;
            }
        }
        catch (AggregateException ex) when (ex.InnerException is ExtractionException inner)
        {
            throw new ExtractionException(inner.Message, inner);
        }
        catch (AggregateException ex) when (ex.InnerException is OperationCanceledException)
        {
            throw ex.InnerException;
        }
        catch (AggregateException ex)
        {
            var inner = ex.InnerException ?? ex;
            throw new ExtractionException($"Page {pageNumber} is damaged and cannot be read ({inner.GetType().Name}).", inner);
        }

        // The abandoned work may still fail later; observe it so it does not surface as unobserved.
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        throw new ExtractionException($"Page {pageNumber} took longer than {options.PageTimeoutSeconds} s to extract.");
    }
}
