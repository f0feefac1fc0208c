namespace Meditron.Deploy.Tests;

/// <summary>The checkout the tests were built from (deploy/ lives at its root).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Meditron.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Meditron.sln not found above " + AppContext.BaseDirectory);
    }
}
