using Meditron.Tests.Support;

namespace Meditron.Cli.Tests;

/// <summary>What `meditron documents` prints when its output is redirected: one document per line.</summary>
public sealed class DocumentsOutputTests
{
    [Fact]
    public async Task Redirected_documents_print_each_document_on_one_line_with_its_title_publisher_and_file()
    {
        using var dir = new TempDirectory();
        string input = Directory.CreateDirectory(dir.Combine("in")).FullName;
        string longFile = "msf_clinical_guidelines_diagnosis_and_treatment_manual_for_curative_programmes_in_hospitals_and_dispensaries_2024.pdf";
        string longTitle = "Clinical guidelines - Diagnosis and treatment manual for curative programmes in hospitals and dispensaries, guidance for prescribing";
        await File.WriteAllBytesAsync(Path.Combine(input, longFile), SmallPdfs.Guideline("1 Cholera", "Give oral rehydration salts.", "Refer severe dehydration."));
        await File.WriteAllBytesAsync(Path.Combine(input, "who_pneumonia.pdf"), SmallPdfs.TwoPages());
        await File.WriteAllTextAsync(Path.Combine(input, "notes.pdf"), "These are meeting notes, not a PDF.");
        await File.WriteAllLinesAsync(Path.Combine(input, "MANIFEST.tsv"),
        [
            "file\tpublisher\ttitle\tyear",
            $"{longFile}\tMédecins Sans Frontières\t{longTitle}\t2024",
            "who_pneumonia.pdf\tWorld Health Organization\tPocket book of hospital care for children\t2013",
        ]);
        var ingest = await CliRunner.RunAsync("ingest", input, "--data", dir.Combine("data"));
        Assert.Equal(2, ingest.ExitCode);

        var run = await CliRunner.RunAsync("documents", "--data", dir.Combine("data"));

        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("guideline", lines[0], StringComparison.Ordinal);
        string msf = Assert.Single(lines, l => l.Contains(longFile, StringComparison.Ordinal));
        Assert.Contains(longTitle, msf, StringComparison.Ordinal);
        Assert.Contains("Médecins Sans Frontières", msf, StringComparison.Ordinal);
        Assert.Contains(" yes ", msf, StringComparison.Ordinal);
        string who = Assert.Single(lines, l => l.Contains("who_pneumonia.pdf", StringComparison.Ordinal));
        Assert.Contains("Pocket book of hospital care for children", who, StringComparison.Ordinal);
        Assert.Contains("World Health Organization", who, StringComparison.Ordinal);
        string notes = Assert.Single(lines, l => l.Contains("notes.pdf", StringComparison.Ordinal));
        Assert.Contains(" failed ", notes, StringComparison.Ordinal);
        Assert.Contains("PDF", notes[(notes.IndexOf("notes.pdf", StringComparison.Ordinal) + "notes.pdf".Length)..], StringComparison.Ordinal);
    }
}
