using System.Globalization;

namespace Meditron.Ingestion.Extraction;

/// <summary>
/// Chooses each page's label: the /PageLabels entries when they agree with the printed numbers on
/// most pages where a number was detected, otherwise the detected numbers (cleaned and smoothed).
/// </summary>
internal static class PageLabelResolver
{
    private const int MinEvidence = 3;
    private const double MinAgreement = 0.6;
    private const int NeighbourWindow = 5;

    public static string?[] Resolve(IReadOnlyList<LayoutPage> pages, string?[]? catalogLabels)
    {
        var detected = pages.Select(p => p.DetectedLabel).ToArray();
        if (catalogLabels is not null && CatalogIsPlausible(detected, catalogLabels))
        {
            return catalogLabels;
        }

        DropInconsistent(detected);
        Smooth(detected);
        return detected;
    }

    private static bool CatalogIsPlausible(string?[] detected, string?[] catalog)
    {
        int compared = 0, agreed = 0;
        for (var i = 0; i < detected.Length && i < catalog.Length; i++)
        {
            if (detected[i] is null)
            {
                continue;
            }

            compared++;
            if (string.Equals(detected[i], catalog[i], StringComparison.OrdinalIgnoreCase))
            {
                agreed++;
            }
        }

        // With (almost) nothing printed to compare against, the producer's labels are the only evidence.
        return compared < MinEvidence || agreed >= compared * MinAgreement;
    }

    /// <summary>Drops an arabic number whose offset to the physical page disagrees with every nearby detection that agrees with another.</summary>
    private static void DropInconsistent(string?[] labels)
    {
        var offsets = new int?[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            offsets[i] = PageNumberDetector.TryArabic(labels[i], out var v) ? v - i : null;
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if (offsets[i] is not { } offset)
            {
                continue;
            }

            var neighbours = 0;
            var agreeing = 0;
            for (var j = Math.Max(0, i - NeighbourWindow); j <= Math.Min(labels.Length - 1, i + NeighbourWindow); j++)
            {
                if (j != i && offsets[j] is { } other)
                {
                    neighbours++;
                    agreeing += other == offset ? 1 : 0;
                }
            }

            if (neighbours >= 2 && agreeing == 0)
            {
                labels[i] = null;
            }
        }
    }

    /// <summary>Fills a one-page gap between k-1 and k+1 with k.</summary>
    private static void Smooth(string?[] labels)
    {
        for (var i = 1; i + 1 < labels.Length; i++)
        {
            if (labels[i] is null
                && PageNumberDetector.TryArabic(labels[i - 1], out var before)
                && PageNumberDetector.TryArabic(labels[i + 1], out var after)
                && after == before + 2)
            {
                labels[i] = (before + 1).ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
