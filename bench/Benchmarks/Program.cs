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
    default:
        Console.Error.WriteLine("usage: Benchmarks ingestion CORPUS_DIR [--embed-texts N] | search CHUNKS QUESTIONS_FILE | profile DATA_DIR QUESTIONS_FILE");
        return 1;
}
