using System.ComponentModel;
using Meditron.Api.Answers;
using Meditron.Api.Contracts;
using Meditron.Application.Answering;
using Meditron.Application.Documents;
using Meditron.Core.Documents;
using Meditron.Core.Generation;
using Meditron.Core.Retrieval;
using Meditron.Retrieval;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Meditron.Api.Integrations.Mcp;

/// <summary>
/// The MCP tools. Thin: the answer, its citations and its abstention come from <see cref="AskService"/>, the passages from
/// <see cref="RetrievalService"/>, as for /v1/ask and /v1/search; each result is text for the model plus the same JSON
/// as the REST API in its structured content.
/// </summary>
[McpServerToolType]
public sealed class GuidelineTools(
    AskService ask, RetrievalService retrieval, DocumentService documents, CitationLinks links, IHttpContextAccessor http, IOptions<ApiOptions> options)
{
    private const int SearchTopK = 10;

    [McpServerTool(Name = "ask_guidelines", Title = "Ask the clinical guidelines", ReadOnly = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(CitedAnswer))]
    [Description("Answers a clinical question (dose, duration, diagnosis, referral, treatment) from the loaded clinical guidelines only. " +
        "The answer carries numbered markers [n], each resolving to a citation: guideline title, edition, page, the quoted sentence and a link to the page. " +
        "Keep the [n] markers and the Sources list when you pass the answer on, and do not add clinical claims that are not cited. " +
        "When the guidelines do not cover the question the result says so (abstained: true); tell the user so rather than answering from elsewhere.")]
    public async Task<CallToolResult> AskGuidelines(
        [Description("The clinical question in plain words, with the patient details that matter (age group, weight, pregnancy, severity), e.g. 'amoxicillin dose and duration for fast-breathing pneumonia in a 2-year-old'.")] string question,
        CancellationToken cancellationToken)
    {
        if (Invalid(RequestValidation.Ask(new AskRequest { Question = question }, options.Value)) is { } error)
        {
            return error;
        }
        var answer = await ask.AskAsync(question, topK: null, new AnswerOptions(), cancellationToken);
        answer = links.WithLinks(Request, answer);
        return McpResults.Of(McpText.Answer(answer), answer);
    }

    [McpServerTool(Name = "search_guidelines", Title = "Search the clinical guidelines", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(SearchResponse))]
    [Description("Finds the guideline passages that bear on a query (keyword and semantic search over the current editions), best first, " +
        "each with guideline title, edition, page and a link to that page. Use it to read and quote the evidence yourself, or to see what the " +
        "guidelines do say when ask_guidelines abstains. Cite every passage you use by title, edition and page.")]
    public async Task<CallToolResult> SearchGuidelines(
        [Description("What to look for: a question or key words, e.g. 'oral rehydration severe dehydration cholera'.")] string query,
        [Description("Optional limits: guidelines (guideline keys from list_guidelines), publishers, languages (ISO 639-1 codes), documentIds, yearFrom, yearTo. Leave out to search everything current.")] SearchFilters? filters = null,
        CancellationToken cancellationToken = default)
    {
        if (Invalid(RequestValidation.Search(new SearchBody { Query = query, Filters = filters }, options.Value)) is { } error)
        {
            return error;
        }
        var results = await retrieval.SearchAsync(new SearchRequest
        {
            Query = query,
            TopK = SearchTopK,
            Filter = (filters ?? new SearchFilters()).ToIndexFilter(),
        }, cancellationToken);
        var response = new SearchResponse(query, results.Select(r => r with { Url = links.Page(Request, r.DocumentId, r.Page) }).ToList());
        return McpResults.Of(McpText.Passages(response), response);
    }

    [McpServerTool(Name = "list_guidelines", Title = "List the clinical guidelines", ReadOnly = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(GuidelineList))]
    [Description("Lists the clinical guidelines the assistant answers from: the current edition of each, with its key, title, publisher, " +
        "year, language and pages. Use it to tell the user what is covered, or to pick guideline keys for the filters of search_guidelines.")]
    public async Task<CallToolResult> ListGuidelines(CancellationToken cancellationToken)
    {
        var current = new List<DocumentRecord>();
        var query = new DocumentQuery { Current = true, Status = DocumentStatus.Indexed, Limit = DocumentQuery.MaxLimit };
        while (true)
        {
            var page = await documents.ListAsync(query, cancellationToken);
            current.AddRange(page.Items);
            if (page.Items.Count == 0 || current.Count >= page.Total)
            {
                break;
            }
            query = query with { Offset = current.Count };
        }
        var list = new GuidelineList(current
            .OrderBy(d => d.Metadata.GuidelineKey, StringComparer.Ordinal)
            .Select(d => GuidelineEntry.From(d, links.Page(Request, d.DocumentId, 1)))
            .ToList());
        return McpResults.Of(McpText.Guidelines(list), list);
    }

    private HttpRequest Request => http.HttpContext?.Request ?? throw new InvalidOperationException("The MCP tools answer HTTP requests only.");

    /// <summary>A bad argument is a tool error the model can read and correct (not a protocol error).</summary>
    private static CallToolResult? Invalid(Dictionary<string, string[]> errors) =>
        errors.Count == 0 ? null : McpResults.Error(string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
}
