using System.Globalization;
using System.Text;
using Meditron.Core.Documents;

namespace Meditron.Ingestion.Intake;

/// <summary>Combines flags, manifest row and file name into the metadata of one file.</summary>
public static class MetadataResolver
{
    public static DocumentMetadata Resolve(string filePath, ManifestEntry? manifest, MetadataOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        string title = overrides.Title ?? manifest?.Title ?? TitleFromFileName(filePath);
        int? year = overrides.Year ?? manifest?.Year;
        string edition = overrides.Edition ?? manifest?.Edition ?? year?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
        return new DocumentMetadata
        {
            Title = title,
            Publisher = overrides.Publisher ?? manifest?.Publisher ?? "",
            Year = year,
            Edition = edition,
            Language = overrides.Language ?? manifest?.Language ?? "en",
            GuidelineKey = NormaliseKey(overrides.GuidelineKey ?? manifest?.GuidelineKey ?? title),
        };
    }

    /// <summary>"WHO guidelines for Malaria (2023)" becomes "who-guidelines-for-malaria-2023".</summary>
    public static string NormaliseKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = new StringBuilder(text.Length);
        foreach (char c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && key.Length > 0 && key[^1] != '-')
            {
                key.Append('-');
            }
        }
        return key.ToString().Trim('-');
    }

    private static string TitleFromFileName(string filePath) =>
        Path.GetFileNameWithoutExtension(filePath).Replace('_', ' ').Trim();
}
