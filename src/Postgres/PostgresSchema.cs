using System.Reflection;

namespace Meditron.Postgres;

/// <summary>
/// The schema as versioned scripts (Migrations/NNNN_name.sql, embedded in the assembly), applied in order; the table
/// <c>schema_version</c> records each one applied. Add a script; never edit one that has shipped.
/// </summary>
internal static class PostgresSchema
{
    private const string Prefix = "Migrations.";

    /// <summary>The scripts by version (1 = the first), read once.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = Load();

    public static int LatestVersion => Migrations.Count;

    private static List<(int, string, string)> Load()
    {
        var assembly = typeof(PostgresSchema).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select((name, i) => (Version: i + 1, Name: name[Prefix.Length..], Sql: Read(assembly, name)))
            .ToList();
        for (int i = 0; i < scripts.Count; i++)
        {
            // "0001_x.sql" is version 1: a gap or a duplicate number would apply scripts out of their intended order.
            if (!scripts[i].Name.StartsWith($"{i + 1:D4}_", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Migration script {scripts[i].Name} should be numbered {i + 1:D4}.");
            }
        }
        return scripts;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
