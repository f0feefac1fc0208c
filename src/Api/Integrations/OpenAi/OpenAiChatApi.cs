using Meditron.Api.Answers;
using Meditron.Application.Answering;
using Meditron.Core.Access;
using Meditron.Core.Generation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Meditron.Api.Integrations.OpenAi;

/// <summary>
/// The OpenAI-compatible chat API, so that a bot built for OpenAI reaches the guidelines by its base URL alone:
/// POST /v1/chat/completions (the last user message is the question; the answer and citations come from AskService
/// as for /v1/ask) and GET /v1/models. Scope ask; errors in OpenAI's shape.
/// </summary>
public static class OpenAiChatApi
{
    public static IEndpointRouteBuilder MapOpenAiChatApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").RequireAuthorization(ApiScopes.Ask).WithMetadata(OpenAiErrorShape.Instance).WithTags("OpenAI-compatible chat");
        v1.MapPost("/chat/completions", CompleteAsync)
            .WithName("ChatCompletions")
            .WithSummary("OpenAI-compatible chat: the last user message answered from the guidelines, with a Sources list and structured citations");
        v1.MapGet("/models", ListModels).WithName("ListModels").WithSummary("The model ids /v1/chat/completions accepts");
        v1.MapGet("/models/{model}", GetModel).WithName("GetModel");
        return app;
    }

    internal static async Task<IResult> CompleteAsync(
        ChatCompletionRequest body, HttpContext http, AskService ask, ChatModels models, CitationLinks links,
        IOptions<ApiOptions> options, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var (question, errors) = ChatQuestion.From(body, options.Value);
        if (question is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (!models.TryEngineFor(body.Model, out string? engine))
        {
            return ModelNotFound(body.Model!, models);
        }
        // Retrieval happens before any response is started, so its failures are ordinary (OpenAI-shaped) HTTP errors.
        var prepared = await ask.PrepareAsync(question, null, new AnswerOptions { Engine = engine }, cancellationToken);
        var header = new ChatCompletionHeader("chatcmpl-" + prepared.Message.RequestId, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body.Model ?? ChatModels.Guidelines);
        if (body.Stream)
        {
            return TypedResults.ServerSentEvents(ChatCompletionChunks.ChunksAsync(
                ask, prepared, header, answer => links.WithLinks(http.Request, answer), json.Value.SerializerOptions, cancellationToken));
        }
        var answer = links.WithLinks(http.Request, await ask.AnswerAsync(prepared, cancellationToken));
        var message = new ChatMessageOut(ChatContent.Of(answer), answer.Citations, answer.Abstained);
        return TypedResults.Ok(new ChatCompletion(header.Id, header.Created, header.Model, answer.Model, [new ChatChoice(0, message, "stop")]));
    }

    internal static Ok<ModelList> ListModels(ChatModels models) =>
        TypedResults.Ok(new ModelList(models.Ids.Select(id => new ModelCard(id, models.Created)).ToList()));

    internal static IResult GetModel(string model, ChatModels models) =>
        models.Ids.FirstOrDefault(id => string.Equals(id, model, StringComparison.OrdinalIgnoreCase)) is { } known
            ? TypedResults.Ok(new ModelCard(known, models.Created))
            : ModelNotFound(model, models);

    private static ProblemHttpResult ModelNotFound(string model, ChatModels models) => TypedResults.Problem(
        title: "No such model",
        detail: $"The model '{model}' does not exist here; use one of: {string.Join(", ", models.Ids)}.",
        statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["code"] = "model_not_found" });
}
