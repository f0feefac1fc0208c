using Meditron.Api.Answers;
using Meditron.Api.Contracts;
using Meditron.Core.Access;
using Meditron.Core.Retrieval;
using Meditron.Retrieval;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Meditron.Api.Endpoints;

/// <summary>POST /v1/search: ranked, citable passages.</summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/search", SearchAsync)
            .RequireAuthorization(ApiScopes.Ask)
            .WithTags("Search")
            .WithName("Search")
            .WithSummary("Find the guideline passages that bear on a question (hybrid dense + BM25 by default)");
        return app;
    }

    internal static async Task<Results<Ok<SearchResponse>, ValidationProblem>> SearchAsync(
        SearchBody body, HttpContext http, RetrievalService retrieval, CitationLinks links, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var errors = RequestValidation.Search(body, options.Value);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var request = new SearchRequest
        {
            Query = body.Query!,
            TopK = body.TopK ?? 10,
            Mode = body.Mode ?? SearchMode.Hybrid,
            Filter = (body.Filters ?? new SearchFilters()).ToIndexFilter(),
            IncludeSuperseded = body.IncludeSuperseded,
            AsOf = body.AsOf,
        };
        var results = await retrieval.SearchAsync(request, cancellationToken);
        var passages = results.Select(r => r with { Url = links.Page(http.Request, r.DocumentId, r.Page) }).ToList();
        return TypedResults.Ok(new SearchResponse(body.Query!, passages));
    }
}
