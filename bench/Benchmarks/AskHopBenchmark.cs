using System.Diagnostics;
using System.Globalization;
using Meditron.Application.Answering;
using Meditron.Application.Extensions;
using Meditron.Core.Generation;
using Meditron.Retrieval.Evaluation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Meditron.Benchmarks;

/// <summary>
/// The cost of the queue hop for `ask`: the same questions answered in process and through RabbitMQ by a
/// generation worker (hosted in this process, so the two differ by the broker round trip only), alternating
/// question by question on one data directory, extractive engine.
/// </summary>
internal static class AskHopBenchmark
{
    public static async Task RunAsync(string dataDirectory, string questionsFile, string amqpUri, int count)
    {
        var questions = EvalQuestion.ReadFile(questionsFile).Take(count).ToList();
        using var local = await StartAsync(dataDirectory, null);
        using var queued = await StartAsync(dataDirectory, amqpUri);
        var localAsk = local.Services.GetRequiredService<AskService>();
        var queuedAsk = queued.Services.GetRequiredService<AskService>();
        await localAsk.AskAsync(questions[0].Question, null, new AnswerOptions(), CancellationToken.None); // warm-up both paths
        await queuedAsk.AskAsync(questions[0].Question, null, new AnswerOptions(), CancellationToken.None);

        var localMs = new List<double>();
        var queuedMs = new List<double>();
        foreach (var question in questions)
        {
            localMs.Add(await TimeAsync(localAsk, question.Question));
            queuedMs.Add(await TimeAsync(queuedAsk, question.Question));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ask-hop: {questions.Count} questions; in process p50 {Percentile(localMs, 0.5):0} ms, p99 {Percentile(localMs, 0.99):0} ms; " +
            $"over RabbitMQ p50 {Percentile(queuedMs, 0.5):0} ms, p99 {Percentile(queuedMs, 0.99):0} ms; " +
            $"hop p50 {Percentile(queuedMs.Zip(localMs, (q, l) => q - l).ToList(), 0.5):0} ms, ratio of p50s {Percentile(queuedMs, 0.5) / Percentile(localMs, 0.5):0.00}"));
    }

    private static async Task<double> TimeAsync(AskService ask, string question)
    {
        var watch = Stopwatch.StartNew();
        await ask.AskAsync(question, null, new AnswerOptions(), CancellationToken.None);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<IHost> StartAsync(string dataDirectory, string? amqpUri)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var settings = new Dictionary<string, string?> { ["Data:Directory"] = dataDirectory };
        if (amqpUri is not null)
        {
            settings["Messaging:Transport"] = "RabbitMq";
            settings["Messaging:RabbitMq:ConnectionString"] = amqpUri;
            settings["Messaging:QueuePrefix"] = "bench-hop.";
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddMeditron(builder.Configuration);
        if (amqpUri is not null)
        {
            builder.Services.AddGenerationWorker(builder.Configuration);
        }
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
