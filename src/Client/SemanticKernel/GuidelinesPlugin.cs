using System.ComponentModel;
using Meditron.Client.Models;
using Microsoft.SemanticKernel;

namespace Meditron.Client.SemanticKernel;

/// <summary>
/// The guideline assistant as a Semantic Kernel plugin: <c>ask</c> (a cited answer) and <c>search</c> (cited passages).
/// Add it with <c>kernel.Plugins.AddFromObject(new GuidelinesPlugin(client), "guidelines")</c>; the results are text
/// that carries the citations, so that the model can keep them in its reply.
/// </summary>
/// <param name="filters">Limits every call to these guidelines, publishers or languages (null: everything current).</param>
public sealed class GuidelinesPlugin(MeditronClient client, GuidelineFilters? filters = null)
{
    [KernelFunction("ask")]
    [Description("Answers a clinical question from the organisation's clinical guidelines (doses, durations, diagnosis, referral, treatment). " +
        "Call it for every clinical or treatment question before answering yourself. The result is the answer with numbered markers [n] and a " +
        "Sources list (guideline title, edition, page, link): keep the markers and the Sources list in your reply, and do not change doses or " +
        "add claims that are not cited. When the result says the guidelines do not cover the question, tell the user so; do not answer from elsewhere.")]
    public async Task<string> AskAsync(
        [Description("The clinical question in plain words, with the patient details that matter (age group, weight, pregnancy, severity).")] string question,
        CancellationToken cancellationToken = default)
    {
        var answer = await client.AskAsync(new AskQuestion { Question = question, Filters = filters }, cancellationToken);
        return CitedText.Answer(answer);
    }

    [KernelFunction("search")]
    [Description("Finds the passages of the clinical guidelines that bear on a query, best first, each with guideline title, edition, page and link. " +
        "Call it to quote or check what the guidelines say word for word, or when ask finds that the guidelines do not cover a question. " +
        "Cite every passage you use by its title, edition and page as given.")]
    public async Task<string> SearchAsync(
        [Description("What to look for: a question or key words.")] string query,
        [Description("How many passages to return (1 to 20).")] int top = 5,
        CancellationToken cancellationToken = default)
    {
        var results = await client.SearchAsync(new SearchQuery { Query = query, TopK = Math.Clamp(top, 1, 20), Filters = filters }, cancellationToken);
        return CitedText.Passages(results);
    }
}
