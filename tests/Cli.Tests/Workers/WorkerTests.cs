using Meditron.Messaging;
using Meditron.Messaging.RabbitMq;
using Meditron.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Meditron.Cli.Tests.Workers;

/// <summary>Real worker processes on a real broker: what `ingest --enqueue`, `worker` and `ask` over the queue promise.</summary>
public sealed class WorkerTests : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(3);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [BrokerFact]
    public async Task A_corrupt_pdf_reaches_the_poison_queue_failed_with_its_reason_and_the_worker_goes_on()
    {
        string prefix = Broker.NewQueuePrefix();
        var settings = Broker.Settings(prefix);
        string input = Directory.CreateDirectory(_dir.Combine("in")).FullName;
        byte[] good = SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool.");
        await File.WriteAllBytesAsync(Path.Combine(input, "a_truncated.pdf"), good[..(good.Length / 3)]);
        await File.WriteAllBytesAsync(Path.Combine(input, "b_good.pdf"), good);

        var enqueue = await CliRunner.RunAsync(settings, "ingest", input, "--enqueue", "--data", Data, "--json");
        Assert.True(enqueue.ExitCode == 0, enqueue.Stderr);
        Assert.All(enqueue.Json.GetProperty("files").EnumerateArray(), f => Assert.Equal("queued", f.GetProperty("status").GetString()));
        Assert.All((await Registry.DocumentsAsync(Data)).Values, d => Assert.Equal("queued", d.GetProperty("status").GetString()));

        await using var worker = MeditronProcess.StartWorker("ingestion", Data, settings);
        var documents = await Registry.SettledAsync(Data, 2, Settle);

        Assert.Equal("failed", documents["a_truncated.pdf"].GetProperty("status").GetString());
        Assert.Contains("damaged or truncated", documents["a_truncated.pdf"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("indexed", documents["b_good.pdf"].GetProperty("status").GetString());
        await using (var transport = new RabbitMqTransport(new MessagingOptions { Transport = MessagingTransportKind.RabbitMq, RabbitMq = { ConnectionString = Broker.Uri } }, NullLogger.Instance))
        {
            var poison = await transport.PeekPoisonAsync(prefix + Queues.Ingest, 10, CancellationToken.None);
            Assert.Equal(documents["a_truncated.pdf"].GetProperty("documentId").GetString(), Assert.Single(poison).Read<Meditron.Core.Messages.IngestDocument>()!.DocumentId);
        }
        Assert.Equal(0, await worker.StopAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("stopped", worker.Output, StringComparison.Ordinal);
    }

    [BrokerFact]
    public async Task Ask_over_the_queue_gives_the_answer_of_the_in_process_path()
    {
        string prefix = Broker.NewQueuePrefix();
        var settings = Broker.Settings(prefix);
        string input = Directory.CreateDirectory(_dir.Combine("in")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(input, "ors.pdf"), SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool.", "Continue breastfeeding."));
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", input, "--data", Data)).ExitCode);
        const string question = "What is given after each loose stool?";

        var local = await CliRunner.RunAsync("ask", question, "--data", Data, "--json");
        await using var worker = MeditronProcess.StartWorker("generation", Data, settings);
        await worker.WaitForLineAsync("Worker generation consuming queue", TimeSpan.FromSeconds(60));
        var queued = await CliRunner.RunAsync(settings, "ask", question, "--data", Data, "--json");

        Assert.True(queued.ExitCode == 0, queued.Stderr);
        Assert.Equal(local.Json.GetProperty("answer").GetString(), queued.Json.GetProperty("answer").GetString());
        Assert.Equal(local.Json.GetProperty("citations").ToString(), queued.Json.GetProperty("citations").ToString());
        Assert.Contains("Answering request", worker.Output, StringComparison.Ordinal);
    }

    [BrokerFact]
    public async Task Ask_without_a_generation_worker_fails_within_the_answer_timeout_naming_the_queue()
    {
        string prefix = Broker.NewQueuePrefix();
        string input = Directory.CreateDirectory(_dir.Combine("in")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(input, "ors.pdf"), SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool."));
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", input, "--data", Data)).ExitCode);
        var started = DateTime.UtcNow;

        var run = await CliRunner.RunAsync(Broker.Settings(prefix, answerTimeoutSeconds: 3), "ask", "What is given after each loose stool?", "--data", Data, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains($"No generation worker answered on queue '{prefix}generate' within 3 s", run.Stderr, StringComparison.Ordinal);
        Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 3, 60);
    }

    [BrokerFact]
    public async Task A_generation_worker_killed_mid_answer_leaves_the_question_to_another_worker()
    {
        string prefix = Broker.NewQueuePrefix();
        var settings = Broker.Settings(prefix);
        string input = Directory.CreateDirectory(_dir.Combine("in")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(input, "ors.pdf"), SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts after each loose stool."));
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", input, "--data", Data)).ExitCode);
        // A model server that accepts the request and never answers: the first worker is certainly mid-answer.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<System.Net.Sockets.TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                held.Add(await silent.AcceptTcpClientAsync());
            }
        });
        var stuckSettings = new Dictionary<string, string>(settings)
        {
            ["MEDITRON_Generation__Engine"] = "OpenAi",
            ["MEDITRON_Generation__OpenAi__Endpoint"] = $"http://127.0.0.1:{((System.Net.IPEndPoint)silent.LocalEndpoint).Port}/v1",
            ["MEDITRON_Generation__OpenAi__Model"] = "silent",
        };

        await using var stuck = MeditronProcess.StartWorker("generation", Data, stuckSettings);
        await stuck.WaitForLineAsync("Worker generation consuming queue", TimeSpan.FromSeconds(60));
        var ask = CliRunner.RunAsync(settings, "ask", "What is given after each loose stool?", "--data", Data, "--json");
        await stuck.WaitForLineAsync("Answering request", TimeSpan.FromSeconds(60));
        await stuck.KillAsync();
        await using var other = MeditronProcess.StartWorker("generation", Data, settings);
        var answered = await ask.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(answered.ExitCode == 0, answered.Stderr);
        Assert.Contains("[1]", answered.Json.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Contains("(attempt 2)", other.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enqueue_and_worker_without_a_broker_say_what_to_configure()
    {
        string input = Directory.CreateDirectory(_dir.Combine("in")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(input, "ors.pdf"), SmallPdfs.Guideline("1 Dehydration", "Give oral rehydration salts."));

        var enqueue = await CliRunner.RunAsync("ingest", input, "--enqueue", "--data", Data);
        var worker = await CliRunner.RunAsync("worker", "ingestion", "--data", Data);

        foreach (var run in new[] { enqueue, worker })
        {
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("Messaging:Transport=RabbitMq", run.Stderr, StringComparison.Ordinal);
        }
        Assert.Contains("Queuing documents for ingestion workers needs a broker", enqueue.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Data, "content")), "a refused --enqueue stores nothing");
    }

    private string Data => _dir.Combine("data");
}
