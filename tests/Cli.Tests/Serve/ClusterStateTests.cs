using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Meditron.Cli.Tests.Workers;
using Meditron.Tests.Support;

namespace Meditron.Cli.Tests.Serve;

/// <summary>
/// The cluster shape on one machine: `meditron serve`, two `worker ingestion` and one `worker generation` as separate
/// processes, each with its OWN empty data directory, sharing state only through PostgreSQL (registry, PDFs, answers,
/// keys) and RabbitMQ. The one concession to a machine without a Qdrant server: the index is the embedded one, in a
/// directory the processes share (EmbeddedStore:DataDirectory); with Qdrant nothing at all would be shared on disk.
/// </summary>
public sealed class ClusterStateTests : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [ClusterFact]
    public async Task Uploads_through_the_api_are_indexed_once_by_two_workers_and_answered_with_citations()
    {
        var shared = SharedDatabase.Settings(SharedDatabase.NewSchema());
        var settings = ClusterSettings(shared);
        string[] data = ["api", "ingest-1", "ingest-2", "generate"];
        foreach (string name in data)
        {
            Directory.CreateDirectory(_dir.Combine(name));
        }

        await using var serve = await ServeProcess.StartAsync(_dir.Combine("api"), settings, keyStoreEnvironment: shared);
        await using var first = MeditronProcess.StartWorker("ingestion", _dir.Combine("ingest-1"), settings);
        await using var second = MeditronProcess.StartWorker("ingestion", _dir.Combine("ingest-2"), settings);
        await using var generation = MeditronProcess.StartWorker("generation", _dir.Combine("generate"), settings);
        await serve.WaitUntilReadyAsync(TimeSpan.FromSeconds(120),
            r => r.GetProperty("checks").TryGetProperty("broker", out var broker) && broker.GetProperty("status").GetString() == "Healthy");
        await first.WaitForLineAsync("Worker ingestion consuming queue", TimeSpan.FromSeconds(60));
        await second.WaitForLineAsync("Worker ingestion consuming queue", TimeSpan.FromSeconds(60));

        var uploads = new (string File, byte[] Pdf, string Guideline, string Edition)[]
        {
            ("ors-2019.pdf", SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool."), "dehydration", "2019"),
            ("ors-2023.pdf", SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts, 10 ml/kg, after each loose stool."), "dehydration", "2023"),
            ("snake.pdf", SmallPdfs.Guideline("1 Snake bite", "Immobilise the bitten limb with a splint and keep the patient still."), "snakebite", "2020"),
            ("burns.pdf", SmallPdfs.Guideline("1 Burns", "Cool the burn with clean running water for twenty minutes."), "burns", "2021"),
            ("malaria.pdf", SmallPdfs.Guideline("1 Malaria", "Confirm malaria with a rapid diagnostic test before treatment."), "malaria", "2022"),
            ("measles.pdf", SmallPdfs.Guideline("1 Measles", "Give vitamin A to every child with measles."), "measles", "2018"),
        };
        var ids = new Dictionary<string, string>();
        foreach (var (file, pdf, guideline, edition) in uploads)
        {
            using var response = await serve.Client.PostAsync("/v1/documents",
                DocumentCalls.Upload(pdf, file, new Dictionary<string, string> { ["publisher"] = "WHO", ["guideline"] = guideline, ["edition"] = edition }));
            ids[file] = (await ApiAssert.JsonAsync(response, HttpStatusCode.Accepted)).GetProperty("documentId").GetString()!;
        }
        foreach (string id in ids.Values)
        {
            await DocumentCalls.WaitForStatusAsync(serve.Client, id, "indexed", Settle);
        }
        var documents = new Dictionary<string, JsonElement>();
        foreach (var (file, id) in ids)
        {
            documents[file] = await serve.Client.GetFromJsonAsync<JsonElement>($"/v1/documents/{id}");
        }

        // Indexed once: one attempt each, one "Indexed document" line for each across both workers, and both worked.
        Assert.All(documents.Values, d => Assert.Equal(1, d.GetProperty("attempts").GetInt32()));
        // The worker logs after it marks the document indexed, through the console logger's queue: wait for the lines.
        string workers = await WorkerLinesAsync(first, second, ids.Values, TimeSpan.FromSeconds(30));
        foreach (string id in ids.Values)
        {
            Assert.Single(Regex.Matches(workers, $"Indexed document {Regex.Escape(id)}:"));
        }
        Assert.Contains("Indexed document", first.Output, StringComparison.Ordinal);
        Assert.Contains("Indexed document", second.Output, StringComparison.Ordinal);
        // The newer edition is current, the older one superseded, whichever worker finished first.
        Assert.True(documents["ors-2023.pdf"].GetProperty("current").GetBoolean());
        Assert.False(documents["ors-2019.pdf"].GetProperty("current").GetBoolean());

        using var asked = await serve.Client.PostAsJsonAsync("/v1/ask", new { question = "How much oral rehydration salts after each loose stool?", engine = "extractive" });
        var answer = await ApiAssert.JsonAsync(asked, HttpStatusCode.OK);
        AssertCitesOnly(answer, ids["ors-2023.pdf"]);
        await generation.WaitForLineAsync("Answering request", TimeSpan.FromSeconds(10));

        // An async answer is kept in PostgreSQL: any API replica could hand it out.
        using var accepted = await serve.Client.PostAsJsonAsync("/v1/ask", new { question = "What is given to every child with measles?", engine = "extractive", async = true });
        await ApiAssert.JsonAsync(accepted, HttpStatusCode.Accepted);
        string location = accepted.Headers.Location!.OriginalString;
        AssertCitesOnly(await AnswerCalls.WaitForAnswerAsync(serve.Client, location, TimeSpan.FromSeconds(120)), ids["measles.pdf"]);

        // No process kept shared state in its own data directory.
        foreach (string name in data)
        {
            Assert.False(Directory.Exists(Path.Combine(_dir.Combine(name), "content")), $"{name} stored PDFs in its data directory");
            Assert.False(File.Exists(Path.Combine(_dir.Combine(name), "index", "meditron.db")), $"{name} has its own store");
        }

        Assert.Equal(0, await serve.StopAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, await first.StopAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, await second.StopAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, await generation.StopAsync(TimeSpan.FromSeconds(60)));
    }

    [ClusterFact]
    public async Task Sync_from_a_job_without_a_disk_of_its_own_enqueues_new_editions_and_remembers_them_in_postgres()
    {
        var settings = ClusterSettings(SharedDatabase.Settings(SharedDatabase.NewSchema()));
        await using var server = await GuidelineServer.StartAsync();
        server.Serve("malaria.pdf", SmallPdfs.Guideline("1 Malaria", "Confirm malaria with a rapid diagnostic test before treatment."), "\"m1\"");
        string sources = _dir.Combine("SOURCES.tsv");
        await File.WriteAllLinesAsync(sources,
        [
            "file\tpublisher\ttitle\tyear\tlanguage\tguideline\tedition\tsource",
            $"malaria.pdf\tWHO\tMalaria\t2025\ten\twho-malaria\t2025\t{server.Url("malaria.pdf")}",
        ]);
        await using var worker = MeditronProcess.StartWorker("ingestion", _dir.Combine("worker"), settings);

        // Each run is a fresh pod: an empty data directory of its own, state only in PostgreSQL.
        var first = await CliRunner.RunAsync(settings, "sync", sources, "--data", _dir.Combine("job-1"), "--json");
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(1, first.Json.GetProperty("enqueued").GetInt32());
        string id = first.Json.GetProperty("sources")[0].GetProperty("documentId").GetString()!;
        await worker.WaitForLineAsync($"Indexed document {id}", Settle);
        var second = await CliRunner.RunAsync(settings, "sync", sources, "--data", _dir.Combine("job-2"), "--json");

        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Equal((1, 0), (second.Json.GetProperty("unchanged").GetInt32(), second.Json.GetProperty("enqueued").GetInt32()));
        Assert.Equal("\"m1\"", server.RequestsFor("malaria.pdf")[^1].IfNoneMatch);
        var documents = await CliRunner.RunAsync(settings, "documents", "--data", _dir.Combine("job-3"), "--json");
        Assert.True(documents.ExitCode == 0, documents.Stderr);
        var listed = Assert.Single(documents.Json.GetProperty("documents").EnumerateArray());
        Assert.Equal((id, "indexed", true), (listed.GetProperty("documentId").GetString(), listed.GetProperty("status").GetString(), listed.GetProperty("current").GetBoolean()));
        Assert.Equal(0, await worker.StopAsync(TimeSpan.FromSeconds(60)));
    }

    /// <summary>A queue prefix of the test's own on the broker, the shared database settings, and the one shared index directory.</summary>
    private Dictionary<string, string> ClusterSettings(IReadOnlyDictionary<string, string> sharedDatabase)
    {
        var settings = new Dictionary<string, string>(Broker.Settings(Broker.NewQueuePrefix()))
        {
            ["MEDITRON_EmbeddedStore__DataDirectory"] = _dir.Combine("shared-index"),
        };
        foreach (var (name, value) in sharedDatabase)
        {
            settings[name] = value;
        }
        return settings;
    }

    /// <summary>Both workers' output once it holds an "Indexed document" line for every id, or at the timeout.</summary>
    private static async Task<string> WorkerLinesAsync(MeditronProcess first, MeditronProcess second, IEnumerable<string> ids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            string output = first.Output + "\n" + second.Output;
            if (ids.All(id => output.Contains($"Indexed document {id}:", StringComparison.Ordinal)) || DateTime.UtcNow > deadline)
            {
                return output;
            }
            await Task.Delay(200);
        }
    }

    private static void AssertCitesOnly(JsonElement answer, string documentId)
    {
        Assert.False(answer.GetProperty("abstained").GetBoolean(), answer.ToString());
        var citations = answer.GetProperty("citations").EnumerateArray().ToList();
        Assert.NotEmpty(citations);
        Assert.All(citations, c => Assert.Equal(documentId, c.GetProperty("documentId").GetString()));
        Assert.Contains("[1]", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
    }
}
