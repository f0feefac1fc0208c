using Meditron.Core.Generation;
using Microsoft.Extensions.Options;

namespace Meditron.Api.Answers;

/// <summary>
/// Links to the stored PDF opened at a page, so that a chatbot or an EHR can send the clinician to it. Absolute:
/// Api:PublicBaseUrl behind a proxy, else the address the request came to.
/// </summary>
public sealed class CitationLinks(IOptions<ApiOptions> options)
{
    /// <summary>GET /v1/documents/{id}/content: the stored PDF, relative to the API's base.</summary>
    public static string ContentPath(string documentId) => $"/v1/documents/{Uri.EscapeDataString(documentId)}/content";

    public string Page(HttpRequest request, string documentId, int page) =>
        $"{BaseUrl(request)}{ContentPath(documentId)}#page={page}";

    public CitedAnswer WithLinks(HttpRequest request, CitedAnswer answer) => answer with
    {
        Citations = answer.Citations.Select(c => c with { Url = Page(request, c.DocumentId, c.Page) }).ToList(),
    };

    private string BaseUrl(HttpRequest request) =>
        options.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
}
