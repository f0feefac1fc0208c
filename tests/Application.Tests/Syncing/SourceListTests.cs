using Meditron.Application.Syncing;

namespace Meditron.Application.Tests.Syncing;

public sealed class SourceListTests
{
    private static readonly string Base = Path.Combine(Path.GetTempPath(), "sources");

    [Fact]
    public void A_list_without_a_source_column_is_refused_with_a_message_that_names_it()
    {
        var error = Assert.Throws<FormatException>(() => SourceList.Parse(["file\ttitle\tguideline\tedition", "a.pdf\tA\ta\t2024"], Base, "SOURCES.tsv"));

        Assert.Contains("SOURCES.tsv has no 'source' column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_list_is_refused()
    {
        Assert.Throws<FormatException>(() => SourceList.Parse([], Base));
    }

    [Fact]
    public void Rows_keep_their_order_and_manifest_metadata_and_the_file_name_defaults_to_the_urls_last_segment()
    {
        var sources = SourceList.Parse(
            [
                "publisher\ttitle\tyear\tlanguage\tguideline\tedition\tsource\tfile",
                "WHO\tGuidelines for malaria\t2025\ten\twho-malaria\t2025-08-13\thttps://iris.who.int/bitstream/malaria%202025.pdf\t",
                "",
                "MSF\tCholera\t2024\tfr\tmsf-cholera\t2024\tguides/cholera.pdf\tmsf_cholera.pdf",
                "MSF\tNo source\t2024\tfr\tmsf-none\t2024\t\tnone.pdf",
            ],
            Base);

        Assert.Equal(2, sources.Count);
        var malaria = sources[0];
        Assert.Equal(("https://iris.who.int/bitstream/malaria%202025.pdf", false), (malaria.Source, malaria.IsLocalFile));
        Assert.Equal(("malaria 2025.pdf", "WHO", "Guidelines for malaria", 2025, "en", "who-malaria", "2025-08-13"),
            (malaria.Manifest.File, malaria.Manifest.Publisher, malaria.Manifest.Title, malaria.Manifest.Year, malaria.Manifest.Language, malaria.Manifest.GuidelineKey, malaria.Manifest.Edition));
        var cholera = sources[1];
        Assert.Equal(("guides/cholera.pdf", true, Path.Combine(Base, "guides", "cholera.pdf"), "msf_cholera.pdf"),
            (cholera.Source, cholera.IsLocalFile, cholera.Location.LocalPath, cholera.Manifest.File));
    }

    [Fact]
    public void Read_names_a_missing_file()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SourceList.Read(Path.Combine(Base, "missing.tsv")));

        Assert.Contains("missing.tsv", error.Message, StringComparison.Ordinal);
    }
}
