using Meditron.Api.Answers;
using Meditron.Application.Answering;
using Meditron.Core.Generation;

namespace Meditron.Api.Integrations.CdsHooks;

/// <summary>
/// One hook call: check it, gather its FHIR data, read the record, ask the guidelines each question through the same
/// <see cref="AskService"/> as /v1/ask (the configured engine), and make a card of every answer that did not abstain.
/// </summary>
public sealed partial class CdsHookHandler(FhirDataSource data, AskService ask, CitationLinks links, TimeProvider clock, ILogger<CdsHookHandler> logger)
{
    public async Task<CdsHookResponse> HandleAsync(CdsServiceDefinition service, CdsHookRequest request, HttpRequest http, CancellationToken cancellationToken)
    {
        var call = HookCall.From(service, request);
        var hookData = await data.ResolveAsync(service, request, call, cancellationToken);
        var record = FhirRecordReader.Read(hookData, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var questions = GuidelineQuestions.For(service, record);
        string patient = record.Describe();

        var cards = new List<CdsCard>();
        foreach (var question in questions)
        {
            LogQuestion(question.Text); // Debug only: it tells the patient's age group, sex, conditions and drugs
            var answer = links.WithLinks(http, await ask.AskAsync(question.Text, null, new AnswerOptions(), cancellationToken));
            if (GuidelineCards.From(question, answer, patient) is { } card)
            {
                cards.Add(card);
            }
        }
        LogAnswered(service.Id, questions.Count, cards.Count);
        return new CdsHookResponse(cards);
    }

    [LoggerMessage(EventId = 8301, Level = LogLevel.Debug, Message = "CDS Hooks question: {Question}")]
    private partial void LogQuestion(string question);

    [LoggerMessage(EventId = 8302, Level = LogLevel.Information, Message = "CDS Hooks {ServiceId}: {Questions} guideline questions, {Cards} cards")]
    private partial void LogAnswered(string serviceId, int questions, int cards);
}
