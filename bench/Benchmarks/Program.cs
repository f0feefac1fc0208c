using System.Globalization;
using Meditron.Benchmarks;

switch (args)
{
    case ["ingestion", string corpus, ..]:
        int embedTexts = args is [_, _, "--embed-texts", string n] ? int.Parse(n, CultureInfo.InvariantCulture) : 512;
        IngestionBenchmark.Run(corpus, embedTexts);
        return 0;
    case ["search", string chunks, string questions]:
        await SearchBenchmark.RunAsync(int.Parse(chunks, CultureInfo.InvariantCulture), questions);
        return 0;
    case ["profile", string data, string questions]:
        await QueryProfile.RunAsync(data, questions);
        return 0;
    case ["generation", .. var options] when Flags(options, "--requests", "--tokens", "--rounds", "--embd", "--ff", "--layers", "--heads") is { } flags:
        var tiny = Meditron.Tests.Support.Models.TinyGgufShape.Default;
        var shape = new Meditron.Tests.Support.Models.TinyGgufShape(flags.GetValueOrDefault("--embd", tiny.Embd), flags.GetValueOrDefault("--ff", tiny.Ff),
            flags.GetValueOrDefault("--layers", tiny.Blocks), flags.GetValueOrDefault("--heads", tiny.Heads));
        await GenerationBenchmark.RunAsync(flags.GetValueOrDefault("--requests", 8), flags.GetValueOrDefault("--tokens", 32), flags.GetValueOrDefault("--rounds", 5), shape);
        return 0;
    case ["queue", string amqp, .. var options] when Flags(options, "--messages", "--rounds", "--prefetch") is { } flags:
        await QueueBenchmark.RunAsync(amqp, flags.GetValueOrDefault("--messages", 2000), flags.GetValueOrDefault("--rounds", 3), flags.GetValueOrDefault("--prefetch", 32));
        return 0;
    case ["ask-hop", string data, string questions, string amqp, .. var options] when Flags(options, "--questions") is { } flags:
        await AskHopBenchmark.RunAsync(data, questions, amqp, flags.GetValueOrDefault("--questions", 30));
        return 0;
    case ["workers", string folder, string meditronDll, string amqp]:
        await WorkersBenchmark.RunAsync(folder, meditronDll, amqp);
        return 0;
    case ["load", string meditronDll, string data, .. var options] when Flags(options, "--seconds", "--search-clients", "--ask-clients") is { } flags:
        return await Meditron.Benchmarks.Load.LoadBenchmark.RunAsync(meditronDll, data, flags.GetValueOrDefault("--seconds", 60),
            flags.GetValueOrDefault("--search-clients", 50), flags.GetValueOrDefault("--ask-clients", 10));
    case ["storage", string connectionString, .. var options] when Flags(options, "--documents", "--workers", "--lookups") is { } flags:
        await StorageBenchmark.RunAsync(connectionString, flags.GetValueOrDefault("--documents", 2000), flags.GetValueOrDefault("--workers", 4),
            flags.GetValueOrDefault("--lookups", 5000));
        return 0;
    case ["quotes", string details, string corpus]:
        return await QuoteCheck.RunAsync(details, corpus);
    default:
        Console.Error.WriteLine("usage: Benchmarks ingestion CORPUS_DIR [--embed-texts N] | search CHUNKS QUESTIONS_FILE | profile DATA_DIR QUESTIONS_FILE" +
            " | generation [--requests N] [--tokens T] [--rounds R] [--embd E] [--ff F] [--layers L] [--heads H]" +
            " | queue AMQP_URI [--messages N] [--rounds R] [--prefetch P] | ask-hop DATA_DIR QUESTIONS_FILE AMQP_URI [--questions N]" +
            " | workers PDF_FOLDER MEDITRON_DLL AMQP_URI | load MEDITRON_DLL DATA_DIR [--seconds S] [--search-clients N] [--ask-clients M]" +
            " | quotes ANSWER_DETAILS_FILE CORPUS_DIR | storage POSTGRES_CONNECTION_STRING [--documents N] [--workers W] [--lookups L]");
        return 1;
}

// "--name N" pairs of positive integers among the given names; null (usage) on anything else.
static Dictionary<string, int>? Flags(string[] options, params string[] names)
{
    var flags = new Dictionary<string, int>(StringComparer.Ordinal);
    for (int i = 0; i < options.Length; i += 2)
    {
        if (i + 1 >= options.Length || !names.Contains(options[i], StringComparer.Ordinal)
            || !int.TryParse(options[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
        {
            return null;
        }
        flags[options[i]] = value;
    }
    return flags;
}
