using Meditron.Ingestion.Extraction;

namespace Meditron.Ingestion.Tests.Extraction;

public sealed class ProcessRunnerTests
{
    [Fact]
    public void The_tool_gets_the_given_variables_on_top_of_this_process_environment()
    {
        var (outcome, exitCode, output) = ProcessRunner.Run(
            "sh", ["-c", "echo \"$OMP_THREAD_LIMIT|${PATH:+path}\""], TimeSpan.FromSeconds(30), CancellationToken.None, OcrEngine.TesseractEnvironment);

        Assert.Equal(ProcessOutcome.Completed, outcome);
        Assert.Equal(0, exitCode);
        Assert.Equal("1|path", output.Trim());
    }

    [Fact]
    public void A_tool_that_is_not_installed_is_reported_missing()
    {
        var (outcome, _, _) = ProcessRunner.Run("meditron-no-such-tool", [], TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(ProcessOutcome.Missing, outcome);
    }
}
