using Meditron.Core.Generation;

namespace Meditron.Generation.Tests.Citations;

internal static class Evidence
{
    public static EvidencePassage Passage(int n, string text, double? similarity = 0.8, int page = 10) => new()
    {
        N = n,
        DocumentId = "doc-" + n,
        Title = "Pocket book " + n,
        Publisher = "WHO",
        Edition = "2013",
        File = "file" + n + ".pdf",
        Page = page,
        PageEnd = page,
        PageLabel = (page - 4).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Section = "4.2 Pneumonia",
        Text = text,
        Score = 0.5 + n / 100.0,
        Similarity = similarity,
    };
}
