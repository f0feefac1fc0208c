using Meditron.Retrieval.Embedded;
using Meditron.Tests.Support;

namespace Meditron.Cli.Tests.Workers;

/// <summary>The broker goes away and comes back while ingestion workers (real processes) work through 200 small jobs.</summary>
public sealed class BrokerRestartTests : IDisposable
{
    private const int Jobs = 200;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [BrokerFact]
    public async Task Jobs_in_flight_when_the_broker_restarts_all_complete_once_and_none_is_lost()
    {
        await using var broker = await PrivateBroker.StartAsync(_dir.Combine("broker"));
        var settings = Broker.Settings("restart.");
        settings["MEDITRON_Messaging__RabbitMq__ConnectionString"] = broker.Uri;
        string input = Directory.CreateDirectory(_dir.Combine("in")).FullName;
        for (int i = 0; i < Jobs; i++)
        {
            // Forty paragraphs: enough chunks to embed that the jobs are still in flight when the broker stops.
            var paragraphs = Enumerable.Range(0, 40).Select(p => $"Job {i}, point {p}: give oral rehydration salts after each loose stool and continue feeding.").ToArray();
            await File.WriteAllBytesAsync(Path.Combine(input, $"job{i:D3}.pdf"), SmallPdfs.Guideline($"{i} Dehydration", paragraphs));
        }
        string data = _dir.Combine("data");
        var enqueue = await CliRunner.RunAsync(settings, "ingest", input, "--enqueue", "--data", data, "--json");
        Assert.True(enqueue.ExitCode == 0, enqueue.Stderr);

        await using var first = MeditronProcess.StartWorker("ingestion", data, settings);
        await using var second = MeditronProcess.StartWorker("ingestion", data, settings);
        await WaitUntilIndexedAsync(data, atLeast: 10);
        await broker.StopAsync();
        int indexedWhileDown = await IndexedAsync(data);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await broker.RestartAsync();
        var documents = await Registry.SettledAsync(data, Jobs, TimeSpan.FromMinutes(5));

        Assert.InRange(indexedWhileDown, 10, Jobs - 1); // the restart came while jobs were still in flight
        Assert.All(documents.Values, d => Assert.Equal("indexed", d.GetProperty("status").GetString()));
        // Once each: every document's chunks are in the index exactly once, however often its message came.
        int registered = documents.Values.Sum(d => d.GetProperty("chunks").GetInt32());
        using var store = new EmbeddedStore(data);
        var index = new SqliteChunkIndex(store);
        int stored = 0;
        foreach (var document in documents.Values)
        {
            stored += (await index.GetChunksAsync(document.GetProperty("documentId").GetString()!, CancellationToken.None)).Count;
        }
        Assert.Equal(registered, stored);
        Assert.Equal(0, await first.StopAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, await second.StopAsync(TimeSpan.FromSeconds(60)));
    }

    private static async Task<int> IndexedAsync(string data) =>
        (await Registry.DocumentsAsync(data)).Values.Count(d => d.GetProperty("status").GetString() == "indexed");

    private static async Task WaitUntilIndexedAsync(string data, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (await IndexedAsync(data) < atLeast)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {atLeast} documents were indexed within 3 minutes");
            await Task.Delay(200);
        }
    }
}
