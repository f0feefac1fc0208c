namespace Meditron.Cli.Tests;

/// <summary>
/// Commands that read the store never create one, and refuse an empty one: a mistyped --data must not
/// read as "the guidelines do not cover this question".
/// </summary>
public sealed class ReadOnlyCommandTests
{
    public static TheoryData<string[]> ReadingCommands => new()
    {
        new[] { "search", "amoxicillin dose" },
        new[] { "ask", "What is the amoxicillin dose for pneumonia?" },
        new[] { "eval", "retrieval", "--questions", QuestionsFile },
        new[] { "eval", "answers", "--questions", QuestionsFile },
        new[] { "documents" },
    };

    private static string QuestionsFile { get; } = WriteQuestions();

    [Theory]
    [MemberData(nameof(ReadingCommands))]
    public async Task A_missing_data_directory_is_an_error_that_says_how_to_ingest_and_is_not_created(string[] command)
    {
        using var dir = new TempDirectory();
        string typo = dir.Combine("dta");

        var run = await CliRunner.RunAsync([.. command, "--data", typo, "--json"]);

        Assert.Equal(4, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("No guidelines are indexed in " + typo, run.Stderr, StringComparison.Ordinal);
        Assert.Contains("meditron ingest", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(typo), "a read-only command created the data directory");
    }

    [Fact]
    public async Task Search_and_ask_over_a_store_with_nothing_indexed_fail_and_documents_lists_the_failure()
    {
        using var dir = new TempDirectory();
        string input = Directory.CreateDirectory(dir.Combine("in")).FullName;
        await File.WriteAllTextAsync(Path.Combine(input, "notes.pdf"), "These are meeting notes, not a PDF.");
        Assert.Equal(2, (await CliRunner.RunAsync("ingest", input, "--data", dir.Combine("data"))).ExitCode);

        foreach (var command in new[] { new[] { "search", "oral rehydration" }, new[] { "ask", "How is dehydration treated?" } })
        {
            var run = await CliRunner.RunAsync([.. command, "--data", dir.Combine("data")]);
            Assert.Equal(4, run.ExitCode);
            Assert.Contains("1 documents are registered, none indexed", run.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("do not cover", run.Stdout, StringComparison.Ordinal);
        }

        var documents = await CliRunner.RunAsync("documents", "--data", dir.Combine("data"), "--json");
        Assert.Equal(0, documents.ExitCode);
        Assert.Equal("failed", documents.Json.GetProperty("documents")[0].GetProperty("status").GetString());
    }

    private static string WriteQuestions()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("meditron-questions-").FullName, "questions.jsonl");
        File.WriteAllText(path, """{"id":"q1","question":"What is the amoxicillin dose?","kind":"dose_table","answerable":true,"gold":[{"file":"x.pdf","pages":[1]}]}""" + "\n");
        return path;
    }
}
