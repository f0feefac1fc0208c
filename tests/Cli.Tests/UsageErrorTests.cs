namespace Meditron.Cli.Tests;

/// <summary>A mistake on the command line is named in the user's terms: the option and what it accepts, never a .NET type.</summary>
public sealed class UsageErrorTests
{
    public static TheoryData<string[], string> Mistakes => new()
    {
        { ["search", ""], "QUERY is empty" },
        { ["search", "   "], "QUERY is empty" },
        { ["ask", ""], "QUESTION is empty" },
        { ["search", "x", "--top-k", "abc"], "--top-k takes a whole number from 1 to 1000 (got 'abc')" },
        { ["search", "x", "--top-k", "0"], "--top-k takes a whole number from 1 to 1000 (got '0')" },
        { ["ask", "x", "--top-k", "-3"], "--top-k takes a whole number" },
        { ["search", "x", "--mode", "semantic"], "--mode takes one of: hybrid, dense, bm25 (got 'semantic')" },
        { ["search", "x", "--year-from", "abc"], "--year-from takes a year such as 2023 (got 'abc')" },
        { ["search", "x", "--as-of", "2025-13-01"], "--as-of takes a date as YYYY-MM-DD" },
        { ["ingest", "x.pdf", "--year", "twenty"], "--year takes a year such as 2023 (got 'twenty')" },
        { ["ask", "x", "--engine", "gpt"], "--engine takes one of: auto, llamasharp, openai, extractive (got 'gpt')" },
        { ["eval", "retrieval", "--questions", "/no/such/questions.jsonl"], "--questions: no such file '/no/such/questions.jsonl'" },
        { ["eval", "retrieval", "--questions", "q.jsonl", "--k", "many"], "--k takes a whole number" },
        { ["eval", "answers", "--questions", "q.jsonl", "--fold", "3/2"], "--fold takes a fold as K/N with 1 <= K <= N <= 100, e.g. 1/2 (got '3/2')" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_bad_value_names_the_option_and_what_it_accepts(string[] args, string expected)
    {
        using var dir = new TempDirectory();

        var run = await CliRunner.RunAsync([.. args, "--data", dir.Combine("data"), "--json"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("meditron: " + expected, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", run.Stderr, StringComparison.Ordinal);
        foreach (string leak in new[] { "System.", "Nullable", "(Parameter '", "   at " })
        {
            Assert.DoesNotContain(leak, run.Stderr, StringComparison.Ordinal);
        }
        Assert.False(Directory.Exists(dir.Combine("data")), "a rejected command line touched the data directory");
    }
}
