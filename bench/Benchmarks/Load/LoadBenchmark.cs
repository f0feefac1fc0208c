using System.Net.Http.Json;

namespace Meditron.Benchmarks.Load;

/// <summary>
/// The REST API under load, served by the real CLI (`meditron serve`) from a copy of an ingested data directory:
/// POST /v1/search, then POST /v1/ask (extractive engine), each first by 1 client for a quarter of the time (the
/// baseline), then by N clients for the whole time. Questions: shared/eval/questions.dev.jsonl, round-robin.
/// Exit code 1 when any request failed.
/// </summary>
internal static class LoadBenchmark
{
    private static readonly Dictionary<string, string> ServerEnvironment = new()
    {
        // The per-key token bucket would turn the load into 429s; a load test measures the server, not the limit.
        ["MEDITRON_Api__RequestsPerSecond"] = "100000",
        ["MEDITRON_Api__RequestBurst"] = "100000",
    };

    public static async Task<int> RunAsync(string meditronDll, string data, int seconds, int searchClients, int askClients)
    {
        var questions = QuestionRing.Load(FindQuestions());
        string copy = Directory.CreateTempSubdirectory("meditron-bench-load-").FullName;
        try
        {
            CopyDirectory(data, copy);
            string key = await MeditronCli.CreateAskKeyAsync(meditronDll, copy, "load");
            using var http = new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = Math.Max(searchClients, askClients) + 1,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            })
            {
                Timeout = TimeSpan.FromMinutes(2),
            };
            http.DefaultRequestHeaders.Add("X-Api-Key", key);

            await using var server = ApiServerProcess.Start(meditronDll, copy, ServerEnvironment);
            await server.WaitUntilReadyAsync(http, TimeSpan.FromMinutes(2));
            Console.Error.WriteLine($"load: meditron serve (pid {server.Pid}) ready at {server.BaseAddress}; {questions.Count} questions");

            HttpRequestMessage Search() => Post(server.BaseAddress, "/v1/search", new { query = questions.Next() });
            HttpRequestMessage Ask() => Post(server.BaseAddress, "/v1/ask", new { question = questions.Next(), engine = "extractive" });
            await WarmUpAsync(http, Search, 10);
            await WarmUpAsync(http, Ask, 5);

            var full = TimeSpan.FromSeconds(seconds);
            var baseline = full / 4;
            var results = new List<LoadResult>();
            foreach (var (endpoint, clients, duration, request) in new[]
            {
                ("POST /v1/search", 1, baseline, (Func<HttpRequestMessage>)Search),
                ("POST /v1/search", searchClients, full, Search),
                ("POST /v1/ask (extractive)", 1, baseline, Ask),
                ("POST /v1/ask (extractive)", askClients, full, Ask),
            })
            {
                var result = await LoadPhase.RunAsync(http, server, endpoint, clients, duration, request);
                Console.Error.WriteLine(LoadReport.Summary(result));
                results.Add(result);
            }

            Console.WriteLine(LoadReport.Phases(results));
            Console.WriteLine(LoadReport.Ratios([(results[0], results[1]), (results[2], results[3])]));
            var errors = results.SelectMany(r => r.Errors.Select(e => $"{r.Endpoint}, {r.Clients} client(s): {e}")).ToList();
            foreach (string error in errors.Take(50))
            {
                Console.Error.WriteLine($"load: error: {error}");
            }
            if (errors.Count > 0)
            {
                Console.Error.WriteLine($"load: {errors.Count} request(s) failed");
                return 1;
            }
            return 0;
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static HttpRequestMessage Post(Uri baseAddress, string path, object body) =>
        new(HttpMethod.Post, new Uri(baseAddress, path)) { Content = JsonContent.Create(body) };

    /// <summary>Untimed sequential requests (JIT, first index reads); each must succeed.</summary>
    private static async Task WarmUpAsync(HttpClient http, Func<HttpRequestMessage> request, int count)
    {
        for (int i = 0; i < count; i++)
        {
            using var message = request();
            using var response = await http.SendAsync(message);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"warm-up {message.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    /// <summary>shared/eval/questions.dev.jsonl in the current directory or one above it (the repository's ../shared).</summary>
    private static string FindQuestions()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "eval", "questions.dev.jsonl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("shared/eval/questions.dev.jsonl was not found in the current directory or above it");
    }

    private static void CopyDirectory(string source, string target)
    {
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"No data directory at {source}");
        }
        foreach (string dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, dir)));
        }
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
        }
    }
}
