using YamlDotNet.RepresentationModel;

namespace Meditron.Deploy.Tests;

/// <summary>Small readers over YamlDotNet's node model: a path of mapping keys, a scalar, a sequence's items.</summary>
internal static class Yaml
{
    public static YamlNode? At(this YamlNode? node, params string[] path)
    {
        foreach (string key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }
        return node;
    }

    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    public static IReadOnlyList<YamlNode> Items(this YamlNode? node) => node is YamlSequenceNode sequence ? sequence.Children.ToList() : [];

    public static IReadOnlyDictionary<string, string> Map(this YamlNode? node) =>
        node is YamlMappingNode mapping
            ? mapping.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (c.Value as YamlScalarNode)?.Value ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>();

    public static bool IsTrue(this YamlNode? node) => string.Equals(node.Text(), "true", StringComparison.OrdinalIgnoreCase);
}
