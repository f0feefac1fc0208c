using Meditron.Tests.Support;

namespace Meditron.Cli.Tests;

/// <summary>`--json` prints one JSON document on stdout and nothing else, however the CLI is started.</summary>
public sealed class JsonOutputTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Data => _dir.Combine("data");

    public async Task InitializeAsync()
    {
        string input = Directory.CreateDirectory(_dir.Combine("in")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(input, "ors.pdf"), SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool."));
        var ingest = await CliRunner.RunAsync("ingest", input, "--data", Data, "--json");
        Assert.Equal(0, ingest.ExitCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Dotnet_run_prints_only_the_json()
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

        var run = await CliRunner.RunProcessAsync("dotnet", ["run", "--project", Path.Combine(Repository.Root, "src", "Cli"), "-c", configuration, "--", "documents", "--data", Data, "--json"]);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("ors.pdf", run.Json.GetProperty("documents")[0].GetProperty("file").GetString());
    }
}
