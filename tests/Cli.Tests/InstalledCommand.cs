using Meditron.Tests.Support;

namespace Meditron.Cli.Tests;

/// <summary>
/// The `meditron` command that scripts/setup installs (a .NET tool), found on PATH as a user's shell
/// finds it. CI runs setup first, so there it must exist; elsewhere its tests are skipped without it.
/// </summary>
internal static class InstalledCommand
{
    public static string? Path { get; } = Find();

    public static string? SkipReason =>
        Path is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? "the meditron command is not installed (scripts/setup installs it)"
            : null;

    public static Task<CliRunner.Result> RunAsync(params string[] args) =>
        CliRunner.RunProcessAsync(Path ?? throw new InvalidOperationException("meditron is not on PATH: run scripts/setup"), args);

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "meditron"))
            .FirstOrDefault(File.Exists);
}

/// <summary>A fact that runs the installed `meditron` command (and, with <see cref="NeedsCorpus"/>, the real corpus).</summary>
public sealed class InstalledCommandFactAttribute : FactAttribute
{
    public InstalledCommandFactAttribute()
    {
        Skip = InstalledCommand.SkipReason!;
    }

    public bool NeedsCorpus
    {
        get => Corpus.SkipReason is not null;
        init => Skip = InstalledCommand.SkipReason ?? (value ? Corpus.SkipReason : null)!;
    }
}
