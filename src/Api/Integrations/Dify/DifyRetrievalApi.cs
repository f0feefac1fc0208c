using Meditron.Api.Answers;
using Meditron.Application.Answering;
using Meditron.Core.Access;
using Meditron.Core.Documents;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Meditron.Retrieval;
using Microsoft.Extensions.Options;

namespace Meditron.Api.Integrations.Dify;

/// <summary>
/// Dify's external knowledge API: POST /retrieval answers a Dify knowledge-retrieval node with guideline passages
/// from RetrievalService (hybrid search over the current editions, guidance only), scope ask, errors in Dify's shape.
/// </summary>
public static class DifyRetrievalApi
{
    public const string AllGuidelines = "all";
    private const int MaxTopK = 100;
    /// <summary>Candidates a metadata_condition filters, so that it still leaves top_k records where there are.</summary>
    private const int FilteredCandidates = 50;

    public static IEndpointRouteBuilder MapDifyRetrievalApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/retrieval", RetrieveAsync)
            .RequireAuthorization(ApiScopes.Ask)
            .WithMetadata(DifyErrorShape.Instance)
            .WithTags("Dify external knowledge")
            .WithName("DifyRetrieval")
            .WithSummary("Dify's external knowledge API: passages of one guideline (knowledge_id = its key) or of all, scored 0-1");
        return app;
    }

    internal static async Task<IResult> RetrieveAsync(
        DifyRetrievalRequest body, HttpContext http, RetrievalService retrieval, IEmbedder embedder, IDocumentRegistry registry,
        CitationLinks links, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var errors = Validate(body, options.Value);
        var (matches, conditionError) = DifyMetadataFilter.From(body.MetadataCondition);
        if (conditionError is not null)
        {
            errors["metadata_condition"] = [conditionError];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        string knowledgeId = body.KnowledgeId!.Trim();
        if (!await KnowledgeExistsAsync(registry, knowledgeId, cancellationToken))
        {
            return TypedResults.Json(new DifyError(DifyError.KnowledgeNotFound,
                $"The knowledge does not exist: no indexed guideline has the key '{knowledgeId}' (use a guideline key, or '{AllGuidelines}')."),
                statusCode: StatusCodes.Status404NotFound);
        }

        string query = body.Query!.Trim();
        int topK = body.RetrievalSetting!.TopK!.Value;
        double threshold = body.RetrievalSetting.ScoreThreshold ?? 0;
        float[] queryVector = embedder.Embed([query], EmbeddingPurpose.Query, cancellationToken)[0];
        var results = await retrieval.SearchAsync(new SearchRequest
        {
            Query = query,
            TopK = matches is null ? topK : Math.Max(topK, FilteredCandidates),
            QueryVector = queryVector,
            GuidanceOnly = true, // a contents page or an index entry is no context for a bot's answer
            Filter = knowledgeId == AllGuidelines ? new IndexFilter() : new IndexFilter { GuidelineKeys = [knowledgeId] },
        }, cancellationToken);

        // Clipped to 0-1 so that score_threshold means the same for every query (see PassageSimilarity).
        var scores = PassageSimilarity.Of(embedder, queryVector, results, cancellationToken)
            .Select(s => Math.Round(Math.Clamp((double)s, 0, 1), 4)).ToArray();
        var records = results
            .Select((r, i) => ToRecord(r, scores[i], links.Page(http.Request, r.DocumentId, r.Page)))
            .Where(r => r.Score >= threshold && (matches is null || matches(r.Metadata)))
            .OrderByDescending(r => r.Score) // stable: equal scores keep the hybrid ranking
            .Take(topK)
            .ToList();
        return TypedResults.Ok(new DifyRetrievalResponse(records));
    }

    private static Dictionary<string, string[]> Validate(DifyRetrievalRequest body, ApiOptions options)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body.KnowledgeId))
        {
            errors["knowledge_id"] = [$"Give a guideline key, or '{AllGuidelines}'."];
        }
        if (string.IsNullOrWhiteSpace(body.Query))
        {
            errors["query"] = ["The query is required."];
        }
        else if (body.Query.Length > options.MaxQuestionCharacters)
        {
            errors["query"] = [$"The query is {body.Query.Length} characters long; at most {options.MaxQuestionCharacters} are accepted."];
        }
        if (body.RetrievalSetting?.TopK is not (>= 1 and <= MaxTopK))
        {
            errors["retrieval_setting.top_k"] = [$"Give top_k, a number from 1 to {MaxTopK}."];
        }
        if (body.RetrievalSetting?.ScoreThreshold is < 0 or > 1)
        {
            errors["retrieval_setting.score_threshold"] = ["Give score_threshold from 0 to 1."];
        }
        return errors;
    }

    private static async Task<bool> KnowledgeExistsAsync(IDocumentRegistry registry, string knowledgeId, CancellationToken cancellationToken) =>
        knowledgeId == AllGuidelines
        || (await registry.ListAsync(cancellationToken)).Any(d => d.Status == DocumentStatus.Indexed && d.Metadata.GuidelineKey == knowledgeId);

    private static DifyRecord ToRecord(SearchResult r, double score, string url) => new(
        r.Text,
        score,
        r.Title,
        new DifyRecordMetadata(r.File, r.Page, r.PageLabel, r.Edition, url, r.Title, r.Publisher, r.Section, r.DocumentId));
}
