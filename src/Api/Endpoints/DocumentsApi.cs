using Meditron.Api.Contracts;
using Meditron.Api.Errors;
using Meditron.Application.Documents;
using Meditron.Application.Ingesting;
using Meditron.Core.Access;
using Meditron.Core.Documents;
using Meditron.Core.Options;
using Meditron.Ingestion.Intake;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Meditron.Api.Endpoints;

/// <summary>Upload, list, read, download and delete guideline documents.</summary>
public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/v1/documents").WithTags("Documents");
        documents.MapPost("/", UploadAsync)
            .RequireAuthorization(ApiScopes.Ingest)
            .WithMetadata(new UploadEndpointAttribute())
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithName("UploadDocument")
            .WithSummary("Upload a guideline PDF (multipart: file; optional publisher, title, edition, year, language, guideline); 202 while it is indexed");
        documents.MapGet("/", ListAsync).RequireAuthorization(ApiScopes.Ask)
            .WithName("ListDocuments").WithSummary("Documents with their status and current edition; filters and paging");
        documents.MapGet("/{documentId}", GetAsync).RequireAuthorization(ApiScopes.Ask)
            .WithName("GetDocument").WithSummary("One document: status (and the reason of a failure), edition, whether current");
        documents.MapGet("/{documentId}/content", ContentAsync).RequireAuthorization(ApiScopes.Ask)
            .WithName("GetDocumentContent").WithSummary("The original PDF (range requests allowed; #page=N opens a page)");
        documents.MapDelete("/{documentId}", DeleteAsync).RequireAuthorization(ApiScopes.Admin)
            .WithName("DeleteDocument").WithSummary("Remove a document and its passages; the previous edition becomes current again where there is one");
        return app;
    }

    internal static async Task<Results<Accepted<DocumentAccepted>, Ok<DocumentAccepted>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpRequest request, IngestService ingest, IOptions<DataOptions> data, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(title: "Unsupported content type", statusCode: StatusCodes.Status415UnsupportedMediaType,
                detail: "Send multipart/form-data with the PDF in a field named \"file\".");
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (IOException e) when (e is not BadHttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // A multipart body that ends before its closing boundary (a body over its limit goes on to the 413).
            return TypedResults.Problem(title: "Malformed multipart body", detail: e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Send the PDF in a multipart field named \"file\"."] });
        }
        if (UploadForm.FileNameError(file.FileName) is { } nameError)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [nameError] });
        }
        if (file.Length == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["The file is empty."] });
        }
        var (overrides, errors) = UploadForm.Read(form);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // The upload lands in a folder of its own under the data directory (never the caller's name as a path), is
        // checked, then copied into the content store by intake; the folder goes whatever happens.
        string folder = Path.Combine(data.Value.Directory, "uploads", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string path = Path.Combine(folder, file.FileName);
            await using (var target = File.Create(path))
            {
                await file.CopyToAsync(target, cancellationToken);
            }
            var check = PdfFileCheck.Check(path);
            if (!check.Accepted)
            {
                return TypedResults.Problem(
                    title: check.IsPdf ? "Unreadable PDF" : "Not a PDF",
                    detail: check.Reason,
                    statusCode: check.IsPdf ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status415UnsupportedMediaType);
            }
            var report = await ingest.EnqueueAsync(path, manifest: null, overrides, cancellationToken);
            string statusUrl = $"/v1/documents/{report.DocumentId}";
            return report.Status switch
            {
                IngestFileReport.SkippedStatus => TypedResults.Ok(new DocumentAccepted(report.DocumentId!, "indexed", statusUrl)),
                IngestFileReport.QueuedStatus => TypedResults.Accepted(statusUrl, new DocumentAccepted(report.DocumentId!, "queued", statusUrl)),
                _ => TypedResults.Problem(title: "Ingestion could not start", detail: report.Error, statusCode: StatusCodes.Status503ServiceUnavailable),
            };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static async Task<Results<Ok<DocumentListResponse>, ValidationProblem>> ListAsync(
        DocumentService documents, CancellationToken cancellationToken,
        string? publisher = null, string? guideline = null, string? language = null, string? status = null, bool? current = null,
        int offset = 0, int limit = DocumentQuery.DefaultLimit)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DocumentStatus? wanted = null;
        if (status is not null)
        {
            if (Enum.TryParse<DocumentStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _))
            {
                wanted = parsed;
            }
            else
            {
                errors["status"] = ["One of pending, queued, processing, indexed, failed."];
            }
        }
        RequestValidation.Paging(errors, offset, limit, DocumentQuery.MaxLimit);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var page = await documents.ListAsync(new DocumentQuery
        {
            Publisher = publisher,
            GuidelineKey = guideline,
            Language = language,
            Status = wanted,
            Current = current,
            Offset = offset,
            Limit = limit,
        }, cancellationToken);
        return TypedResults.Ok(new DocumentListResponse(page.Items.Select(DocumentResponse.From).ToList(), page.Total, page.Offset, page.Limit));
    }

    internal static async Task<Results<Ok<DocumentResponse>, ProblemHttpResult>> GetAsync(
        string documentId, DocumentService documents, CancellationToken cancellationToken) =>
        await documents.GetAsync(documentId, cancellationToken) is { } document
            ? TypedResults.Ok(DocumentResponse.From(document))
            : NoSuchDocument(documentId);

    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ContentAsync(
        string documentId, DocumentService documents, CancellationToken cancellationToken)
    {
        if (await documents.OpenContentAsync(documentId, cancellationToken) is not { } opened)
        {
            return NoSuchDocument(documentId);
        }
        // Inline, so that a browser opens it (and honours #page=N) instead of saving it.
        var stream = TypedResults.Stream(opened.Content, "application/pdf", fileDownloadName: null, enableRangeProcessing: true,
            entityTag: new EntityTagHeaderValue($"\"{opened.Document.Sha256}\""));
        return stream;
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string documentId, DocumentService documents, CancellationToken cancellationToken)
    {
        try
        {
            return await documents.DeleteAsync(documentId, cancellationToken) is null ? NoSuchDocument(documentId) : TypedResults.NoContent();
        }
        catch (DocumentBusyException e)
        {
            return TypedResults.Problem(title: "Document busy", detail: e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static ProblemHttpResult NoSuchDocument(string documentId) =>
        TypedResults.Problem(title: "No such document", detail: $"No document has the id {documentId}.", statusCode: StatusCodes.Status404NotFound);
}
