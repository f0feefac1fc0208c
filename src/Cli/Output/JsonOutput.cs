using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meditron.Cli.Output;

/// <summary>Writes the one JSON document a `--json` command prints on stdout.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Keeps accented titles readable ("Cólera", not "C\u00F3lera").
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>One line per document, for JSON-lines files.</summary>
    private static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };

    /// <summary>Writes one compact JSON line per item (the `--details` files of the eval commands).</summary>
    public static Task WriteLinesAsync<T>(FileInfo file, IEnumerable<T> items, CancellationToken cancellationToken) =>
        File.WriteAllLinesAsync(file.FullName, items.Select(item => JsonSerializer.Serialize(item, Compact)), cancellationToken);

    public static void Write<T>(T value)
    {
        Console.Out.WriteLine(JsonSerializer.Serialize(value, Options));
        Console.Out.Flush();
    }
}
