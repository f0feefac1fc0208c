using System.Diagnostics;
using System.Globalization;
using Meditron.Core.Documents;
using Meditron.Retrieval.Embedded;

namespace Meditron.Benchmarks;

/// <summary>
/// A folder of PDFs ingested through the queue by one `meditron worker ingestion` process, then by two, each run on
/// a fresh data directory and queue prefix: seconds from the workers' start to the last document indexed, and the
/// ratio. The worker processes are the real CLI (path given), as in production.
/// </summary>
internal static class WorkersBenchmark
{
    public static async Task RunAsync(string folder, string meditronDll, string amqpUri)
    {
        var seconds = new Dictionary<int, double>();
        foreach (int workers in new[] { 1, 2 })
        {
            seconds[workers] = await RunOnceAsync(folder, meditronDll, amqpUri, workers);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"workers: {workers} worker(s) ingested {folder} in {seconds[workers]:0.0} s"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"workers: speed-up of two workers over one {seconds[1] / seconds[2]:0.00}"));
    }

    private static async Task<double> RunOnceAsync(string folder, string meditronDll, string amqpUri, int workers)
    {
        string data = Directory.CreateTempSubdirectory("meditron-bench-workers-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["MEDITRON_Messaging__Transport"] = "RabbitMq",
            ["MEDITRON_Messaging__RabbitMq__ConnectionString"] = amqpUri,
            ["MEDITRON_Messaging__QueuePrefix"] = $"bench-workers-{Guid.NewGuid():N}.",
        };
        try
        {
            using (var enqueue = MeditronChild.Start(meditronDll, environment, "ingest", folder, "--enqueue", "--data", data))
            {
                await enqueue.WaitForExitAsync();
            }
            using var store = new EmbeddedStore(data);
            var registry = new SqliteDocumentRegistry(store);
            int expected = (await registry.ListAsync(CancellationToken.None)).Count;
            var watch = Stopwatch.StartNew();
            var processes = Enumerable.Range(0, workers).Select(_ => MeditronChild.Start(meditronDll, environment, "worker", "ingestion", "--data", data)).ToList();
            try
            {
                while ((await registry.ListAsync(CancellationToken.None)).Count(d => d.Status is DocumentStatus.Indexed or DocumentStatus.Failed) < expected)
                {
                    await Task.Delay(250);
                }
                return watch.Elapsed.TotalSeconds;
            }
            finally
            {
                foreach (var process in processes)
                {
                    process.Kill();
                    await process.WaitForExitAsync();
                    process.Dispose();
                }
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
