using Meditron.Tests.Support;

namespace Meditron.Cli.Tests.Workers;

/// <summary>Two ingestion workers on real guideline PDFs; one is killed (SIGKILL) in the middle of a document.</summary>
[Collection(CorpusCollection.Name)]
public sealed class TwoWorkerTests(CorpusIngestion corpus) : IDisposable
{
    // Eight guidelines of 20 to 44 pages: long enough to be killed in the middle of one.
    private static readonly string[] Files =
    [
        "who_emro_healthy_diet_2019.pdf",
        "iasc_humanitarian_population_figures_2016.pdf",
        "who_afro_idsr_3ed_2019_section5_prepare_to_respond.pdf",
        "hesperian_where_there_is_no_doctor_2015_ch10_first_aid.pdf",
        "hesperian_safe_handling_health_care_waste_2005.pdf",
        "who_afro_idsr_3ed_2019_section4_investigate_outbreaks.pdf",
        "who_afro_idsr_3ed_2019_section7_risk_communication.pdf",
        "cdc_guide_infection_prevention_outpatient_settings_2016.pdf",
    ];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [BrokerFact(NeedsCorpus = true)]
    public async Task Every_document_is_indexed_exactly_once_with_the_chunks_of_a_single_process_ingest_when_a_worker_is_killed()
    {
        var settings = Broker.Settings(Broker.NewQueuePrefix());
        string input = Directory.CreateDirectory(_dir.Combine("in")).FullName;
        foreach (string file in Files)
        {
            File.Copy(Corpus.File(file), Path.Combine(input, file));
        }
        File.Copy(Corpus.File("MANIFEST.tsv"), Path.Combine(input, "MANIFEST.tsv")); // the same titles and keys as the corpus ingest
        string data = _dir.Combine("data");
        var enqueue = await CliRunner.RunAsync(settings, "ingest", input, "--enqueue", "--data", data, "--json");
        Assert.True(enqueue.ExitCode == 0, enqueue.Stderr);

        await using var doomed = MeditronProcess.StartWorker("ingestion", data, settings);
        await using var survivor = MeditronProcess.StartWorker("ingestion", data, settings);
        string taken = await doomed.WaitForLineAsync("Ingesting document", TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(1)); // into its extraction or embedding
        await doomed.KillAsync();
        var documents = await Registry.SettledAsync(data, Files.Length, TimeSpan.FromMinutes(8));

        // The corpus was ingested in one process, file by file: the same files must give the same chunks.
        var single = await Registry.DocumentsAsync(corpus.DataDirectory);
        foreach (string file in Files)
        {
            Assert.Equal("indexed", documents[file].GetProperty("status").GetString());
            Assert.Equal(single[file].GetProperty("chunks").GetInt32(), documents[file].GetProperty("chunks").GetInt32());
            Assert.Equal(single[file].GetProperty("documentId").GetString(), documents[file].GetProperty("documentId").GetString());
        }
        string killedId = taken[(taken.IndexOf("doc_", StringComparison.Ordinal))..].Split(' ')[0];
        var killed = documents.Values.Single(d => d.GetProperty("documentId").GetString() == killedId);
        Assert.True(killed.GetProperty("attempts").GetInt32() >= 2, $"the document the killed worker held was not taken again: {killed}");
        Assert.Equal(0, await survivor.StopAsync(TimeSpan.FromSeconds(90)));
    }
}
