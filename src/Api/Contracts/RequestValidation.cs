using System.Text.RegularExpressions;
using Meditron.Core.Feedback;
using Meditron.Core.Generation;

namespace Meditron.Api.Contracts;

/// <summary>
/// Checks of request bodies beyond their JSON shape; each failure names the field (camelCase, as in the JSON) and
/// becomes one entry of a 400 validation ProblemDetails.
/// </summary>
public static partial class RequestValidation
{
    private const int MaxFilterValues = 50;
    private const int MaxFilterValueLength = 200;

    public static Dictionary<string, string[]> Ask(AskRequest body, ApiOptions options)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Text(errors, "question", body.Question, options.MaxQuestionCharacters);
        Range(errors, "topK", body.TopK, 1, 50);
        if (body.Language is { } language && !IsLanguageCode(language))
        {
            errors["language"] = [LanguageError];
        }
        if (body.Engine is { } engine && !AnswerEngineNames.All.Contains(engine, StringComparer.OrdinalIgnoreCase))
        {
            errors["engine"] = [$"Unknown engine; one of: {string.Join(", ", AnswerEngineNames.All)}."];
        }
        if (body.Async && body.Stream)
        {
            errors["async"] = ["Choose async or stream, not both."];
        }
        Filters(errors, body.Filters);
        return errors;
    }

    public static Dictionary<string, string[]> Feedback(FeedbackRequest body, ApiOptions options)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Helpful is null)
        {
            errors["helpful"] = ["Say whether the answer helped: true or false."];
        }
        if (body.Categories?.Any(c => !FeedbackCategories.IsKnown(c)) == true)
        {
            errors["categories"] = [CategoryError];
        }
        if (body.Comment?.Length > FeedbackEntry.MaxCommentCharacters)
        {
            errors["comment"] = [$"The comment is {body.Comment.Length} characters long; at most {FeedbackEntry.MaxCommentCharacters} are accepted."];
        }
        // The question is optional here, but held to the ask's own limit.
        if (body.Question?.Length > options.MaxQuestionCharacters)
        {
            errors["question"] = [$"The question is {body.Question.Length} characters long; at most {options.MaxQuestionCharacters} are accepted."];
        }
        return errors;
    }

    public static string CategoryError { get; } = $"Unknown category; each is one of: {string.Join(", ", FeedbackCategories.All)}.";

    public const string LanguageError = "Give an ISO 639-1 code of two lowercase letters, such as en, fr or es.";

    /// <summary>An ISO 639-1 code as the store keeps languages: two lowercase letters.</summary>
    public static bool IsLanguageCode(string text) => LanguageCode().IsMatch(text);

    public static Dictionary<string, string[]> Search(SearchBody body, ApiOptions options)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Text(errors, "query", body.Query, options.MaxQuestionCharacters);
        Range(errors, "topK", body.TopK, 1, 100);
        Filters(errors, body.Filters);
        return errors;
    }

    private static void Text(Dictionary<string, string[]> errors, string field, string? value, int maxCharacters)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"The {field} is required."];
        }
        else if (value.Length > maxCharacters)
        {
            errors[field] = [$"The {field} is {value.Length} characters long; at most {maxCharacters} are accepted."];
        }
    }

    private static void Range(Dictionary<string, string[]> errors, string field, int? value, int min, int max)
    {
        if (value is { } v && (v < min || v > max))
        {
            errors[field] = [$"Give a number from {min} to {max}."];
        }
    }

    private static void Filters(Dictionary<string, string[]> errors, SearchFilters? filters)
    {
        if (filters is null)
        {
            return;
        }
        List(errors, "filters.publishers", filters.Publishers);
        List(errors, "filters.languages", filters.Languages);
        List(errors, "filters.guidelines", filters.Guidelines);
        List(errors, "filters.documentIds", filters.DocumentIds);
        Range(errors, "filters.yearFrom", filters.YearFrom, 1900, 2200);
        Range(errors, "filters.yearTo", filters.YearTo, 1900, 2200);
        if (filters.YearFrom > filters.YearTo)
        {
            errors["filters.yearFrom"] = ["yearFrom is after yearTo."];
        }
    }

    private static void List(Dictionary<string, string[]> errors, string field, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }
        if (values.Count > MaxFilterValues)
        {
            errors[field] = [$"At most {MaxFilterValues} values."];
        }
        else if (values.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > MaxFilterValueLength))
        {
            errors[field] = [$"Each value must be non-empty and at most {MaxFilterValueLength} characters."];
        }
    }

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();

    /// <summary>The offset and limit of a listing (documents, feedback): 0 or more, and 1 to <paramref name="maxLimit"/>.</summary>
    public static void Paging(Dictionary<string, string[]> errors, int offset, int limit, int maxLimit)
    {
        if (offset < 0)
        {
            errors["offset"] = ["0 or more."];
        }
        if (limit < 1 || limit > maxLimit)
        {
            errors["limit"] = [$"From 1 to {maxLimit}."];
        }
    }
}
