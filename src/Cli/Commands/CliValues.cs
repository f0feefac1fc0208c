using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Meditron.Cli.Commands;

/// <summary>
/// Options and arguments whose parse errors name the option and what it accepts, in the user's terms
/// ("--top-k takes a whole number from 1 to 1000 (got 'abc')"), never a .NET type name.
/// </summary>
internal static class CliValues
{
    public const int MaxCount = 1000;

    /// <summary>A count from 1 to <see cref="MaxCount"/>, with a default.</summary>
    public static Option<int> Count(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseCount(result, name),
    };

    /// <summary>A count from 1 to <see cref="MaxCount"/>, or null when not given.</summary>
    public static Option<int?> OptionalCount(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result => ParseCount(result, name),
    };

    public static Option<int?> Year(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "YYYY",
        CustomParser = result =>
        {
            string text = Single(result);
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int year) && year is >= 1900 and <= 2200)
            {
                return year;
            }
            result.AddError($"{name} takes a year such as 2023 (got '{text}').");
            return null;
        },
    };

    /// <summary>A fold "K/N" of a question file (<see cref="Meditron.Retrieval.Evaluation.QuestionFold"/>), or null when not given.</summary>
    public static Option<Meditron.Retrieval.Evaluation.QuestionFold?> Fold(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "K/N",
        CustomParser = result =>
        {
            string text = Single(result);
            if (Meditron.Retrieval.Evaluation.QuestionFold.TryParse(text) is { } fold)
            {
                return fold;
            }
            result.AddError($"{name} takes a fold as K/N with 1 <= K <= N <= 100, e.g. 1/2 (got '{text}').");
            return null;
        },
    };

    public static Option<DateOnly?> Date(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "YYYY-MM-DD",
        CustomParser = result =>
        {
            string text = Single(result);
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }
            result.AddError($"{name} takes a date as YYYY-MM-DD, e.g. 2024-06-30 (got '{text}').");
            return null;
        },
    };

    /// <summary>One of an enum's names, case-insensitive, listed in lower case in the error.</summary>
    public static Option<T> Choice<T>(string name, string description, T defaultValue)
        where T : struct, Enum => new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => ParseChoice<T>(result, name) ?? defaultValue,
        };

    public static Option<T?> OptionalChoice<T>(string name, string description)
        where T : struct, Enum => new(name)
        {
            Description = description,
            CustomParser = result => ParseChoice<T>(result, name),
        };

    /// <summary>Free text that must hold at least one word (a question, a search query).</summary>
    public static Argument<string> Text(string name, string description, string what)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError($"{name} is empty: give {what}.");
            }
        });
        return argument;
    }

    /// <summary>An existing file.</summary>
    public static Option<FileInfo> ExistingFile(string name, string description, bool required)
    {
        var option = new Option<FileInfo>(name) { Description = description, HelpName = "FILE", Required = required };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<FileInfo>() is { Exists: false } file)
            {
                result.AddError($"{name}: no such file '{file.FullName}'.");
            }
        });
        return option;
    }

    private static int ParseCount(ArgumentResult result, string name)
    {
        string text = Single(result);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count is >= 1 and <= MaxCount)
        {
            return count;
        }
        result.AddError($"{name} takes a whole number from 1 to {MaxCount} (got '{text}').");
        return 0;
    }

    private static T? ParseChoice<T>(ArgumentResult result, string name)
        where T : struct, Enum
    {
        string text = Single(result);
        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }
        string choices = string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()));
        result.AddError($"{name} takes one of: {choices} (got '{text}').");
        return null;
    }

    private static string Single(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
}
