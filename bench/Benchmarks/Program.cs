using Meditron.Benchmarks;

if (args.Length < 2 || args[0] != "ingestion")
{
    Console.Error.WriteLine("usage: Benchmarks ingestion CORPUS_DIR [--embed-texts N]");
    return 1;
}
int embedTexts = args.Length > 3 && args[2] == "--embed-texts" ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 512;
IngestionBenchmark.Run(args[1], embedTexts);
return 0;
