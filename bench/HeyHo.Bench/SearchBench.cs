using System.Data.Common;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using HeyHo.Api.Data;
using HeyHo.Api.Features.Sync;
using Mapster;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HeyHo.Bench;

/// <summary>
/// Text search over a year of one user's history (docs/performance.md, "Text search"): ~110,000 visits, 300 a day, with
/// titles and URLs from 300 domains, loaded through POST /api/v1/data/sync; then GET /api/v1/data/page-visits?q=… at
/// concurrency 1 for a common word, a rare word, a URL fragment, two words and a word that matches nothing, beside
/// the same page without q, and each query's plan as the endpoint's own code builds it. The same year is also loaded
/// with the search index dropped, for the index's share of the ingest cost. SQLite, and PostgreSQL when
/// HEYHO_TEST_POSTGRES names a server.
/// </summary>
internal static class SearchBench
{
    private const int Days = 365;
    private const int VisitsPerDay = 300;

    private static readonly (string Label, string? Q)[] Queries =
    [
        ("no q (newest 100)", null),
        ("common word", History.CommonWord),
        ("rare word", History.RareWord),
        ("URL fragment", "github.com/dotnet"),
        ("two words", $"{History.CommonWord} {History.SecondWord}"),
        ("no match", "xylophone"),
    ];

    public static async Task<int> RunAsync(bool quick)
    {
        Console.WriteLine($"# HeyHo text search over a year of history ({(quick ? "quick" : "full")}) {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine(Machine.Describe());
        var year = History.Year(DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds());
        var batches = year.Chunk(Scenarios.BatchSize).Select(History.Json).ToArray();
        Console.WriteLine($"history: {year.Length:N0} visits over {Days} days, {year.Select(v => v.Domain).Distinct().Count()} domains, " +
                          $"{batches.Sum(b => b.Length) / 1024 / 1024} MB of sync bodies in {batches.Length} requests");

        var errors = 0;
        var engines = Postgres.Server is null ? new[] { DatabaseProvider.Sqlite } : [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];
        foreach (var engine in engines)
        {
            errors += await RunEngineAsync(engine, year, batches, quick);
        }
        Console.WriteLine($"\nerrors (non-2xx answers): {errors}");
        return errors == 0 ? 0 : 1;
    }

    private static async Task<int> RunEngineAsync(DatabaseProvider engine, Visit[] year, string[] batches, bool quick)
    {
        Console.WriteLine($"\n## {engine}");
        var work = Directory.CreateTempSubdirectory("heyho-search-");
        try
        {
            // The index's share of ingest: the same year into a database without it, then with it, alternating; the last keeps it.
            var loads = new List<(bool Indexed, double Rate, long Bytes)>();
            var runs = quick ? new[] { false, true } : [false, true, false, true];
            foreach (var (indexed, run) in runs.Select((indexed, run) => (indexed, run)))
            {
                using var database = DatabaseUnderTest.Create(engine, Path.Combine(work.FullName, $"load-{run}.db"));
                await using var api = await StartAsync(work, database);
                if (!indexed)
                {
                    database.Execute(engine == DatabaseProvider.Postgres
                        ? """DROP INDEX "IX_PageVisits_Search"; ALTER TABLE "PageVisits" DROP COLUMN "SearchWords";"""
                        : """DROP TRIGGER "PageVisits_SearchInsert"; DROP TRIGGER "PageVisits_SearchUpdate"; DROP TRIGGER "PageVisits_SearchDelete"; DROP TABLE "PageVisitsSearch";""");
                }
                var (rate, failed) = await LoadAsync(api, batches);
                if (failed > 0)
                {
                    Console.WriteLine($"loading failed: {failed} non-2xx answers");
                    return failed;
                }
                loads.Add((indexed, rate, DatabaseBytes(database)));
                if (run == runs.Length - 1)
                {
                    PrintLoads(loads);
                    return await SearchAsync(database, api, year, quick);
                }
            }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    private static void PrintLoads(List<(bool Indexed, double Rate, long Bytes)> loads)
    {
        Console.WriteLine("\nLoading the year through POST /api/v1/data/sync, 1000-record batches, concurrency 1 (runs in order):");
        Console.WriteLine("| search index | records/s | database size MB |");
        Console.WriteLine("|---|---|---|");
        foreach (var (indexed, rate, bytes) in loads)
        {
            Console.WriteLine($"| {(indexed ? "with" : "without")} | {rate:F0} | {bytes / 1024.0 / 1024:F1} |");
        }
        var with = loads.Where(l => l.Indexed).ToArray();
        var without = loads.Where(l => !l.Indexed).ToArray();
        Console.WriteLine($"with / without (mean): records/s {with.Average(l => l.Rate) / without.Average(l => l.Rate):F2}, " +
                          $"size {with.Average(l => (double)l.Bytes) / without.Average(l => (double)l.Bytes):F2}");
    }

    private static async Task<int> SearchAsync(DatabaseUnderTest database, Api api, Visit[] year, bool quick)
    {
        if (database.Provider == DatabaseProvider.Postgres)
        {
            database.Execute("""ANALYZE "PageVisits" """); // what autovacuum does soon after such a load, done now
        }
        var requests = quick ? 50 : 200;
        Console.WriteLine($"\nGET /api/v1/data/page-visits?limit=100&q=…, concurrency 1, {requests} requests each after 20 unmeasured:");
        Console.WriteLine("| query | q | visits matching | items on the first page | p50 ms | p99 ms | mean ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var errors = 0;
        foreach (var (label, q) in Queries)
        {
            var url = "/api/v1/data/page-visits?limit=100" + (q is null ? "" : $"&q={Uri.EscapeDataString(q)}");
            await Load.RunCountAsync(api.Http, 1, _ => api.Http.GetAsync(url), 20);
            var result = await Load.RunCountAsync(api.Http, 1, _ => api.Http.GetAsync(url), requests);
            var first = await api.Http.GetFromJsonAsync<JsonObject>(url);
            errors += result.Errors;
            Console.WriteLine($"| {label} | {(q is null ? "–" : $"`{q}`")} | {History.Matching(year, q):N0} | {first!["items"]!.AsArray().Count} | " +
                              $"{result.P(0.50):F1} | {result.P(0.99):F1} | {result.LatenciesMs.Average():F1} |");
        }

        Console.WriteLine($"\nPlans of the endpoint's own queries ({(database.Provider == DatabaseProvider.Postgres ? "EXPLAIN ANALYZE" : "EXPLAIN QUERY PLAN")}):");
        foreach (var (label, q) in Queries.Where(q => q.Q is not null))
        {
            Console.WriteLine($"\n{label} (`{q}`):\n```\n{string.Join('\n', await ExplainAsync(database, api.UserId, q!))}\n```");
        }
        return errors;
    }

    private static async Task<Api> StartAsync(DirectoryInfo work, DatabaseUnderTest database)
    {
        var settings = new Dictionary<string, string>(database.Environment);
        var process = ApiProcess.Start(work.FullName, settings);
        var http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        await process.WaitUntilReadyAsync(http);
        var token = await Users.SignInAsync(http, "historian");
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var me = await http.GetFromJsonAsync<JsonObject>("/api/v1/auth/me");
        return new Api(process, http, me!["user"]!["id"]!.GetValue<string>());
    }

    private static async Task<(double Rate, int Errors)> LoadAsync(Api api, string[] batches)
    {
        var result = await Load.RunCountAsync(api.Http, 1, i => api.Http.PostAsync(
            "/api/v1/data/sync", new StringContent(batches[i], Encoding.UTF8, "application/json")), batches.Length);
        return (batches.Length * Scenarios.BatchSize / result.Elapsed.TotalSeconds, result.Errors);
    }

    private static long DatabaseBytes(DatabaseUnderTest database) => database.Count(database.Provider == DatabaseProvider.Postgres
        ? "SELECT pg_database_size(current_database())"
        : "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");

    /// <summary>Runs ListPageVisits.Handle in this process over the same database, explaining each statement it sends.</summary>
    private static async Task<List<string>> ExplainAsync(DatabaseUnderTest database, string userId, string q)
    {
        var explainer = new Explainer(database.Provider);
        var options = database.Provider == DatabaseProvider.Postgres
            ? DatabaseSetup.ConfigurePostgres(new DbContextOptionsBuilder<PostgresHeyHoDbContext>(), database.ConnectionString, 30_000).AddInterceptors(explainer).Options
            : DatabaseSetup.ConfigureSqlite(new DbContextOptionsBuilder<SqliteHeyHoDbContext>(), database.ConnectionString, 5000).AddInterceptors(explainer).Options;
        await using var db = database.Provider == DatabaseProvider.Postgres
            ? (HeyHoDbContext)new PostgresHeyHoDbContext((DbContextOptions<PostgresHeyHoDbContext>)options)
            : new SqliteHeyHoDbContext((DbContextOptions<SqliteHeyHoDbContext>)options);
        var mappings = new TypeAdapterConfig();
        mappings.Scan(typeof(ListPageVisits).Assembly);
        var caller = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", userId)], "bench"));
        await ListPageVisits.Handle(new ReadQuery(null, null, null, null, 100, null), new ListPageVisits.Search(q),
            new ReadQuery.Validator(), new ListPageVisits.Search.Validator(), caller, db, mappings, CancellationToken.None);
        return explainer.Plan;
    }

    private sealed class Explainer(DatabaseProvider engine) : DbCommandInterceptor
    {
        public List<string> Plan { get; } = [];

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await using var explain = command.Connection!.CreateCommand();
            explain.Transaction = command.Transaction;
            explain.CommandText = (engine == DatabaseProvider.Postgres ? "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " : "EXPLAIN QUERY PLAN ") + command.CommandText;
            foreach (DbParameter parameter in command.Parameters)
            {
                var copy = explain.CreateParameter();
                (copy.ParameterName, copy.DbType, copy.Value) = (parameter.ParameterName, parameter.DbType, parameter.Value);
                explain.Parameters.Add(copy);
            }
            await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // SQLite: (id, parent, notused, detail); PostgreSQL: one line of text.
                Plan.Add(engine == DatabaseProvider.Postgres ? reader.GetString(0) : reader.GetString(3));
            }
            return result;
        }
    }

    private sealed record Visit(string Id, long StartedAt, string Domain, string Url, string Title);

    private sealed record Api(ApiProcess Process, HttpClient Http, string UserId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            Http.Dispose();
            Process.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// A year of browsing, the same every run: 300 domains visited with a Zipf-like skew (a few sites most of the
    /// time), each with its own URL and title shape (repositories, questions, articles, videos, search results), titles
    /// of 3–9 words drawn, also skewed, from a vocabulary of 400.
    /// </summary>
    private static class History
    {
        public const string RareWord = "zanzibar";
        public static string CommonWord => Vocabulary[1];
        public static string SecondWord => Vocabulary[7];

        private static readonly string[] Sites =
        [
            "github.com", "stackoverflow.com", "en.wikipedia.org", "www.youtube.com", "mail.google.com", "docs.python.org",
            "developer.mozilla.org", "news.ycombinator.com", "www.reddit.com", "learn.microsoft.com", "www.google.com",
            "www.bbc.co.uk", "www.theguardian.com", "www.nytimes.com", "medium.com", "dev.to", "www.amazon.com",
            "www.linkedin.com", "twitter.com", "docs.rs", "crates.io", "www.npmjs.com", "pypi.org", "nuget.org",
            "www.postgresql.org", "sqlite.org", "kubernetes.io", "docs.docker.com", "aws.amazon.com", "cloud.google.com",
        ];

        private static readonly string[] Owners = ["dotnet", "microsoft", "rust-lang", "python", "torvalds", "facebook", "google", "apache", "npgsql", "openiddict"];

        private static readonly string[] Vocabulary = BuildVocabulary();

        private static readonly string[] Domains = [.. Sites, .. Enumerable.Range(0, 270).Select(SyntheticDomain)];

        public static Visit[] Year(long end)
        {
            var random = new Random(14);
            var start = end - (Days * 86_400_000L);
            var domainWeights = Cumulative(Domains.Length, 1.1);
            var wordWeights = Cumulative(Vocabulary.Length, 0.9);
            var visits = new Visit[Days * VisitsPerDay];
            for (var i = 0; i < visits.Length; i++)
            {
                var day = i / VisitsPerDay;
                var startedAt = start + (day * 86_400_000L) + (8 * 3_600_000L) + (i % VisitsPerDay * 180_000L) + random.Next(0, 170_000);
                var domain = Domains[Pick(random, domainWeights)];
                var words = Enumerable.Range(0, random.Next(3, 10)).Select(_ => Vocabulary[Pick(random, wordWeights)]).ToList();
                if (i % 18_000 == 9_000)
                {
                    words.Insert(random.Next(words.Count), RareWord); // six visits over the year, in the titles that show their words
                }
                var (url, title) = Shape(random, domain, words);
                visits[i] = new Visit($"pv_{startedAt}_{i}", startedAt, domain, url, title);
            }
            return visits;
        }

        public static string Json(Visit[] visits) => new JsonObject
        {
            ["anonymousClientId"] = "anon-year",
            ["pageVisits"] = new JsonArray(visits.Select((v, n) => (JsonNode)new JsonObject
            {
                ["id"] = v.Id, ["visitId"] = v.Id, ["tabId"] = n % 40, ["url"] = v.Url, ["domain"] = v.Domain, ["title"] = v.Title,
                ["startedAt"] = v.StartedAt, ["timestamp"] = v.StartedAt, ["endedAt"] = v.StartedAt + 40_000, ["duration"] = 40_000,
                ["durationSeconds"] = 40, ["activeDuration"] = 25_000, ["engagementRate"] = 0.6, ["lastHeartbeat"] = v.StartedAt + 25_000,
                ["isActive"] = false, ["idlePeriods"] = new JsonArray(), ["metadata"] = new JsonObject { ["description"] = v.Title },
                ["anonymousClientId"] = "anon-year", ["synced"] = false, ["syncStatus"] = "pending",
            }).ToArray()),
            ["tabAggregates"] = new JsonArray(),
        }.ToJsonString();

        /// <summary>How many visits the search answers for q, counted here (the generated text is ASCII: case folding is all).</summary>
        public static int Matching(Visit[] visits, string? q)
        {
            var words = new ListPageVisits.Search(q).Words;
            return visits.Count(v =>
            {
                var text = new ListPageVisits.Search(v.Title + " " + v.Url).Words;
                return words.All(w => text.Any(t => t.StartsWith(w, StringComparison.OrdinalIgnoreCase)));
            });
        }

        private static (string Url, string Title) Shape(Random random, string domain, List<string> words)
        {
            var slug = string.Join('-', words);
            var phrase = string.Join(' ', words);
            var heading = char.ToUpperInvariant(phrase[0]) + phrase[1..];
            var id = random.Next(10_000, 80_000_000).ToString(CultureInfo.InvariantCulture);
            switch (domain)
            {
                case "github.com":
                    var (owner, issue) = (Owners[random.Next(Owners.Length)], id[..5]);
                    return ($"https://github.com/{owner}/{words[0]}/issues/{issue}", $"{heading} · Issue #{issue} · {owner}/{words[0]}");
                case "stackoverflow.com":
                    return ($"https://stackoverflow.com/questions/{id}/{slug}", $"{heading}? - Stack Overflow");
                case "en.wikipedia.org":
                    var topic = words.Take(2).Select(Capitalise).ToArray();
                    return ($"https://en.wikipedia.org/wiki/{string.Join('_', topic)}", $"{string.Join(' ', topic)} - Wikipedia");
                case "www.youtube.com":
                    return ($"https://www.youtube.com/watch?v={VideoId(random)}", $"{heading} - YouTube");
                case "www.google.com":
                    return ($"https://www.google.com/search?q={string.Join('+', words.Take(4))}&hl=en", $"{string.Join(' ', words.Take(4))} - Google Search");
                case "mail.google.com":
                    return ($"https://mail.google.com/mail/u/0/#inbox/{VideoId(random)}{VideoId(random)}", $"Inbox ({random.Next(0, 300)}) - me@example.com - Gmail");
                default:
                    return ($"https://{domain}/{Vocabulary[random.Next(40)]}/{slug}-{id}", $"{heading} | {Capitalise(domain.Split('.')[^2])}");
            }
        }

        private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];

        private static string VideoId(Random random) =>
            new(Enumerable.Range(0, 11).Select(_ => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[random.Next(64)]).ToArray());

        private static string SyntheticDomain(int n)
        {
            string[] tlds = [".com", ".org", ".net", ".io", ".dev", ".co.uk", ".de", ".fr"];
            return $"{Vocabulary[(n * 7) % 200]}{Vocabulary[(n * 13 + 5) % 300]}{tlds[n % tlds.Length]}";
        }

        /// <summary>Cumulative Zipf weights: the k-th item (from 1) is chosen in proportion to 1 / k^s.</summary>
        private static double[] Cumulative(int count, double s)
        {
            var weights = new double[count];
            var sum = 0.0;
            for (var k = 0; k < count; k++)
            {
                weights[k] = sum += 1 / Math.Pow(k + 1, s);
            }
            return weights;
        }

        private static int Pick(Random random, double[] cumulative)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
            return index < 0 ? ~index : index;
        }

        private static string[] BuildVocabulary() => new[]
        {
            "how", "python", "error", "guide", "best", "javascript", "data", "server", "install", "news", "list", "react",
            "function", "string", "file", "create", "update", "windows", "linux", "docker", "query", "database", "example",
            "array", "rust", "release", "notes", "review", "weather", "recipe", "chicken", "football", "election", "market",
            "price", "stock", "music", "video", "tutorial", "learn", "version", "config", "settings", "account", "login",
            "password", "security", "network", "performance", "memory", "thread", "async", "await", "class", "object",
            "method", "interface", "generic", "type", "value", "null", "exception", "debug", "test", "unit", "integration",
            "deploy", "cloud", "kubernetes", "cluster", "node", "package", "module", "import", "export", "build", "compile",
            "runtime", "framework", "library", "api", "rest", "http", "request", "response", "header", "cookie", "session",
            "token", "auth", "oauth", "certificate", "encryption", "hash", "index", "table", "column", "row", "join", "select",
            "insert", "delete", "migration", "schema", "postgres", "sqlite", "mysql", "redis", "cache", "queue", "message",
            "event", "stream", "pipeline", "workflow", "action", "branch", "merge", "commit", "rebase", "conflict", "issue",
            "pull", "fork", "clone", "repository", "project", "team", "meeting", "calendar", "travel", "flight", "hotel",
            "booking", "holiday", "summer", "winter", "garden", "house", "rent", "mortgage", "insurance", "tax", "salary",
            "job", "career", "interview", "resume", "company", "startup", "product", "design", "color", "font", "layout",
            "mobile", "phone", "laptop", "keyboard", "monitor", "camera", "battery", "charger", "headphones", "speaker",
            "movie", "series", "episode", "season", "trailer", "actor", "director", "book", "author", "novel", "poem",
            "history", "science", "physics", "chemistry", "biology", "math", "algebra", "geometry", "statistics", "model",
            "learning", "neural", "training", "dataset", "benchmark", "paper", "research", "university", "course", "lecture",
            "exam", "student", "teacher", "school", "child", "parent", "family", "health", "doctor", "hospital", "vaccine",
            "fitness", "running", "cycling", "swimming", "yoga", "diet", "protein", "coffee", "tea", "bread", "pasta", "pizza",
            "salad", "soup", "cake", "chocolate", "wine", "beer", "restaurant", "review", "rating", "comment", "reply",
            "forum", "thread", "post", "blog", "article", "opinion", "analysis", "report", "quarterly", "earnings", "budget",
            "invoice", "payment", "bank", "card", "loan", "credit", "crypto", "bitcoin", "energy", "solar", "climate",
            "carbon", "electric", "car", "bike", "train", "bus", "city", "map", "route", "traffic", "parking", "airport",
            "ticket", "concert", "festival", "museum", "gallery", "photo", "image", "editor", "plugin", "extension",
            "browser", "chrome", "firefox", "safari", "tab", "bookmark", "history", "privacy", "tracker", "cookie", "ads",
            "search", "engine", "ranking", "seo", "marketing", "email", "newsletter", "subscribe", "pricing", "plan",
            "free", "trial", "download", "upgrade", "patch", "bug", "fix", "crash", "slow", "fast", "optimize", "profile",
            "trace", "log", "metric", "alert", "dashboard", "chart", "graph", "visualization", "excel", "spreadsheet",
            "formula", "pivot", "macro", "script", "bash", "shell", "terminal", "command", "vim", "emacs", "vscode",
            "plugin", "theme", "dark", "mode", "accessibility", "keyboard", "shortcut", "gesture", "touch", "screen",
            "resolution", "pixel", "vector", "render", "shader", "game", "level", "player", "score", "multiplayer",
            "console", "controller", "strategy", "puzzle", "adventure", "story", "character", "world", "open", "source",
            "license", "contributor", "community", "conference", "talk", "slides", "workshop", "keynote", "announcement",
        }.Distinct().ToArray();
    }
}
