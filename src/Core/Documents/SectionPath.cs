namespace Meditron.Core.Documents;

/// <summary>A chunk's heading path (<see cref="Chunk.Section"/>): its levels, outermost first, joined by <see cref="Separator"/>.</summary>
public static class SectionPath
{
    public const string Separator = " > ";

    /// <summary>The innermost level: the heading the text sits under ("4.2 Pneumonia" of "4 Cough > 4.2 Pneumonia").</summary>
    public static string LastLevel(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var at = path.LastIndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? path : path[(at + Separator.Length)..];
    }

    /// <summary>Every level, outermost first ("4 Cough", "4.2 Pneumonia").</summary>
    public static IReadOnlyList<string> Levels(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
