using System.Globalization;
using Meditron.Api.Answers;
using Meditron.Api.Contracts;
using Meditron.Application.Feedback;
using Meditron.Core.Access;
using Meditron.Core.Feedback;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Meditron.Api.Endpoints;

/// <summary>
/// Clinicians rate kept answers (POST /v1/answers/{requestId}/feedback, scope ask); operators read the ratings
/// (GET /v1/feedback, scope admin), as `meditron feedback export` does.
/// </summary>
public static class FeedbackApi
{
    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/answers/{requestId}/feedback", AddAsync)
            .RequireAuthorization(ApiScopes.Ask)
            .WithTags("Feedback")
            .WithName("RateAnswer")
            .WithSummary("Rate a kept answer: helpful or not, what was wrong, a comment; the answer rated is the one kept for the request")
            .WithDescription($"201 with the feedback's id; 404 when no completed answer has the request id. Categories: {string.Join(", ", FeedbackCategories.All)}.");
        var feedback = app.MapGroup("/v1/feedback").RequireAuthorization(ApiScopes.Admin).WithTags("Feedback");
        feedback.MapGet("/", ListAsync)
            .WithName("ListFeedback")
            .WithSummary("Clinicians' feedback with the question and the rated answer, oldest first; filters and paging");
        feedback.MapGet("/{id}", GetAsync)
            .WithName("GetFeedback")
            .WithSummary("One feedback entry");
        return app;
    }

    internal static async Task<Results<Created<FeedbackCreated>, ValidationProblem, ProblemHttpResult>> AddAsync(
        string requestId, FeedbackRequest body, HttpContext http, FeedbackService feedback, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var errors = RequestValidation.Feedback(body, options.Value);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var stored = await feedback.AddAsync(new FeedbackSubmission
        {
            RequestId = requestId,
            Helpful = body.Helpful!.Value,
            Categories = body.Categories ?? [],
            Comment = body.Comment,
            Question = body.Question,
            KeyName = http.User.Identity?.Name,
        }, cancellationToken);
        if (stored is null)
        {
            return TypedResults.Problem(title: "No such answer", statusCode: StatusCodes.Status404NotFound,
                detail: $"No completed answer has the request id {requestId}: rate an answer once GET /v1/answers/{{id}} returns it.");
        }
        return TypedResults.Created($"/v1/feedback/{stored.Id}", new FeedbackCreated(stored.Id, stored.RequestId, stored.CreatedAt));
    }

    internal static async Task<Results<Ok<FeedbackListResponse>, ValidationProblem>> ListAsync(
        HttpContext http, FeedbackService feedback, CitationLinks links, CancellationToken cancellationToken,
        string? since = null, string? category = null, bool? helpful = null, int offset = 0, int limit = FeedbackQuery.DefaultLimit)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (ParseSince(since) is { } parsed)
            {
                from = parsed;
            }
            else
            {
                errors["since"] = ["A date (2026-01-31, midnight UTC) or a date and time with its offset (2026-01-31T08:00:00Z)."];
            }
        }
        if (category is not null && !FeedbackCategories.IsKnown(category))
        {
            errors["category"] = [RequestValidation.CategoryError];
        }
        RequestValidation.Paging(errors, offset, limit, FeedbackQuery.MaxLimit);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var page = await feedback.ListAsync(new FeedbackQuery { Since = from, Category = category, Helpful = helpful, Offset = offset, Limit = limit }, cancellationToken);
        var items = page.Items.Select(e => e with { Answer = links.WithLinks(http.Request, e.Answer) }).ToList();
        return TypedResults.Ok(new FeedbackListResponse(items, page.Total, page.Offset, page.Limit));
    }

    internal static async Task<Results<Ok<FeedbackEntry>, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, FeedbackService feedback, CitationLinks links, CancellationToken cancellationToken) =>
        await feedback.GetAsync(id, cancellationToken) is { } entry
            ? TypedResults.Ok(entry with { Answer = links.WithLinks(http.Request, entry.Answer) })
            : TypedResults.Problem(title: "No such feedback", detail: $"No feedback has the id {id}.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>A date is midnight UTC; a date and time needs its offset (Z or +hh:mm), so no server clock decides.</summary>
    private static DateTimeOffset? ParseSince(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date, TimeOnly.MinValue, TimeSpan.Zero);
        }
        bool hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;
    }
}
