using System.Net.ServerSentEvents;
using Meditron.Api.Answers;
using Meditron.Api.Contracts;
using Meditron.Application.Answering;
using Meditron.Core.Access;
using Meditron.Core.Generation;
using Meditron.Core.Ports;
using Meditron.Core.Retrieval;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Meditron.Api.Endpoints;

/// <summary>POST /v1/ask (an answer now, later, or as Server-Sent Events) and GET /v1/answers/{id}.</summary>
public static class AskApi
{
    public static IEndpointRouteBuilder MapAskApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").RequireAuthorization(ApiScopes.Ask).WithTags("Answers");
        v1.MapPost("/ask", AskAsync)
            .WithName("Ask")
            .WithSummary("Answer a question from the guidelines, citing guideline, edition and page")
            .WithDescription("200 with the cited answer; \"async\": true gives 202 and a Location to poll; \"stream\": true (or Accept: text/event-stream) gives Server-Sent Events: `delta` events with draft text, then one `answer` event with the checked, cited answer.")
            .Produces<CitedAnswer>(StatusCodes.Status200OK, "application/json", "text/event-stream");
        v1.MapGet("/answers/{requestId}", GetAnswerAsync)
            .WithName("GetAnswer")
            .WithSummary("The answer of an async ask: 200 when ready, 202 while pending");
        return app;
    }

    internal static async Task<Results<Ok<CitedAnswer>, Accepted<AnswerAccepted>, ServerSentEventsResult<string>, ValidationProblem>> AskAsync(
        AskRequest body, HttpContext http, AskService ask, AnswerJobs jobs, CitationLinks links, IOptions<ApiOptions> options, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var errors = RequestValidation.Ask(body, options.Value);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var answerOptions = new AnswerOptions { Language = body.Language, Engine = body.Engine?.ToLowerInvariant() };
        var scope = new SearchRequest
        {
            Query = body.Question!,
            Filter = (body.Filters ?? new SearchFilters()).ToIndexFilter(),
            IncludeSuperseded = body.IncludeSuperseded,
            AsOf = body.AsOf,
        };
        // Retrieval happens before any response is started, so its failures are ordinary HTTP errors.
        var prepared = await ask.PrepareAsync(body.Question!, body.TopK, answerOptions, cancellationToken, scope);

        if (body.Async)
        {
            string id = await jobs.StartAsync(prepared, cancellationToken);
            string location = $"/v1/answers/{id}";
            return TypedResults.Accepted(location, new AnswerAccepted(id, "pending", location));
        }
        if (body.Stream || AcceptsEventStream(http.Request))
        {
            return TypedResults.ServerSentEvents(AnswerEvents.StreamAsync(ask, prepared, answer => links.WithLinks(http.Request, answer), json.Value.SerializerOptions, cancellationToken));
        }
        var answer = await ask.AnswerAsync(prepared, cancellationToken);
        return TypedResults.Ok(links.WithLinks(http.Request, answer));
    }

    internal static async Task<Results<Ok<CitedAnswer>, Accepted<AnswerPending>, ProblemHttpResult>> GetAnswerAsync(
        string requestId, HttpContext http, IAnswerStore answers, CitationLinks links, CancellationToken cancellationToken)
    {
        var entry = await answers.FindAsync(requestId, cancellationToken);
        switch (entry)
        {
            case null:
                return TypedResults.Problem(title: "No such answer", detail: $"No ask with request id {requestId} is known here.", statusCode: StatusCodes.Status404NotFound);
            case { Status: AnswerStatus.Completed, Answer: { } answer }:
                return TypedResults.Ok(links.WithLinks(http.Request, answer));
            case { Status: AnswerStatus.Failed }:
                return TypedResults.Problem(
                    title: "The answer could not be produced",
                    detail: entry.Reason,
                    statusCode: StatusCodes.Status502BadGateway,
                    extensions: new Dictionary<string, object?> { ["requestId"] = requestId });
            default:
                http.Response.Headers.RetryAfter = "1";
                return TypedResults.Accepted($"/v1/answers/{requestId}", new AnswerPending(requestId, "pending", null));
        }
    }

    private static bool AcceptsEventStream(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));
}
