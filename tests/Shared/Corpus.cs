namespace Meditron.Tests.Support;

/// <summary>
/// Finds ../shared/corpus (the real guideline PDFs) from the test's output folder. Corpus tests
/// are skipped on a developer machine without it, and fail under CI (CI=true) where it must exist.
/// </summary>
public static class Corpus
{
    public static string? Directory { get; } = Find();

    public static string File(string name) => Path.Combine(Require(), name);

    /// <summary>A file of ../shared/eval (questions with gold pages), beside the corpus.</summary>
    public static string EvalFile(string name) => Path.Combine(Require(), "..", "eval", name);

    /// <summary>The corpus folder; throws (fails the test) under CI when it is missing.</summary>
    public static string Require()
    {
        if (Directory is not null)
        {
            return Directory;
        }
        throw new InvalidOperationException("../shared/corpus was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Skip reason for corpus tests: null when they must run.</summary>
    public static string? SkipReason =>
        Directory is null && !IsCi ? "../shared/corpus is not present on this machine" : null;

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "corpus");
            if (System.IO.Directory.Exists(candidate) && System.IO.File.Exists(Path.Combine(candidate, "MANIFEST.tsv")))
            {
                return candidate;
            }
        }
        return null;
    }
}
