namespace Meditron.Api.Integrations.OpenAi;

/// <summary>
/// The question of a chat: the last user message. Earlier turns are not merged into it: each answer is retrieved and
/// checked for the question it shows, so a follow-up such as "and for adults?" finds no evidence and is declined
/// rather than answered from a guess at what it refers to (README: "OpenAI-compatible chat").
/// </summary>
public static class ChatQuestion
{
    public const string UserRole = "user";

    /// <summary>The question, or the validation errors (keyed by the JSON field, for the OpenAI error's <c>param</c>).</summary>
    public static (string? Question, Dictionary<string, string[]> Errors) From(ChatCompletionRequest body, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Messages is not { Count: > 0 } messages)
        {
            errors["messages"] = ["Send at least one message; the last one with role \"user\" is the question."];
            return (null, errors);
        }
        var last = messages.LastOrDefault(m => string.Equals(m.Role, UserRole, StringComparison.Ordinal));
        if (last is null)
        {
            errors["messages"] = ["No message has role \"user\"; the last user message is the question."];
            return (null, errors);
        }
        string question = last.Text().Trim();
        if (question.Length == 0)
        {
            errors["messages"] = ["The last user message is empty; it is the question."];
        }
        else if (question.Length > options.MaxQuestionCharacters)
        {
            errors["messages"] = [$"The question is {question.Length} characters long; at most {options.MaxQuestionCharacters} are accepted."];
        }
        return (errors.Count == 0 ? question : null, errors);
    }
}
