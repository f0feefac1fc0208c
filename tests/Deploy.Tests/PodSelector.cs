using YamlDotNet.RepresentationModel;

namespace Meditron.Deploy.Tests;

/// <summary>A NetworkPolicy's podSelector against a pod's labels (matchLabels, and matchExpressions with In / Exists).</summary>
internal static class PodSelector
{
    public static bool SelectsAll(YamlNode? selector) =>
        selector.At("matchLabels").Map().Count == 0 && selector.At("matchExpressions").Items().Count == 0;

    public static bool Selects(YamlNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        bool labelsMatch = selector.At("matchLabels").Map().All(l => labels.TryGetValue(l.Key, out string? v) && v == l.Value);
        bool expressionsMatch = selector.At("matchExpressions").Items().All(e =>
        {
            string key = e.At("key").Text()!;
            return e.At("operator").Text() switch
            {
                "In" => labels.TryGetValue(key, out string? v) && e.At("values").Items().Any(x => x.Text() == v),
                "Exists" => labels.ContainsKey(key),
                _ => throw new InvalidOperationException($"operator {e.At("operator").Text()} is not read by this test"),
            };
        });
        return labelsMatch && expressionsMatch;
    }
}
