using System.Globalization;
using System.Text.RegularExpressions;
using Meditron.Ingestion.Intake;

namespace Meditron.Api.Contracts;

/// <summary>The metadata fields of a multipart upload, checked; each set field beats the values taken from the file name.</summary>
public static partial class UploadForm
{
    private const int MaxFieldLength = 300;

    public static (MetadataOverrides Overrides, Dictionary<string, string[]> Errors) Read(IFormCollection form)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? Field(string name)
        {
            string? value = form.TryGetValue(name, out var values) ? values.ToString().Trim() : null;
            if (value is { Length: > MaxFieldLength })
            {
                errors[name] = [$"At most {MaxFieldLength} characters."];
            }
            return string.IsNullOrEmpty(value) ? null : value;
        }

        int? year = null;
        if (Field("year") is { } yearText)
        {
            if (int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out int y) && y is >= 1900 and <= 2200)
            {
                year = y;
            }
            else
            {
                errors["year"] = ["Give a year such as 2024."];
            }
        }
        string? language = Field("language");
        if (language is not null && !RequestValidation.IsLanguageCode(language))
        {
            errors["language"] = [RequestValidation.LanguageError];
        }
        string? guideline = Field("guideline");
        if (guideline is not null && !GuidelineKey().IsMatch(guideline))
        {
            errors["guideline"] = ["Letters, digits, '.', '_' and '-' only (the stable key of the guideline across its editions)."];
        }
        var overrides = new MetadataOverrides
        {
            Publisher = Field("publisher"),
            Title = Field("title"),
            Edition = Field("edition"),
            Year = year,
            Language = language,
            GuidelineKey = guideline,
        };
        return (overrides, errors);
    }

    /// <summary>A plain file name: no folders, no "..", no control characters, not hidden.</summary>
    public static string? FileNameError(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return "The file has no name.";
        }
        if (fileName.Length > 255 || fileName.IndexOfAny(['/', '\\', ':']) >= 0 || fileName.Contains("..", StringComparison.Ordinal)
            || fileName.StartsWith('.') || fileName.Any(char.IsControl))
        {
            return "The file name must be a plain name (no folders, '..', ':' or control characters, at most 255 characters).";
        }
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex GuidelineKey();
}
