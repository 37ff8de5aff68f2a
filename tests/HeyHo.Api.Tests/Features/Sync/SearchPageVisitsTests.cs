using System.Net;
using System.Text.Json.Nodes;
using CsCheck;
using HeyHo.Api.Data;
using HeyHo.Api.Tests.Harness;
using Microsoft.Data.Sqlite;

namespace HeyHo.Api.Tests.Features.Sync;

/// <summary>GET /api/v1/data/page-visits?q=…: text search over the caller's visits' titles and URLs, on each engine's own index.</summary>
public sealed class SearchPageVisitsTests : IDisposable
{
    /// <summary>Visit n of the library: (title, URL).</summary>
    private static readonly (string Title, string Url)[] Library =
    [
        ("Understanding Ownership - The Rust Programming Language", "https://doc.rust-lang.org/book/ch04-01-what-is-ownership.html"),
        ("How do I borrow a mutable reference? - Stack Overflow", "https://stackoverflow.com/questions/12345/borrow-checker-error"),
        ("Café Crème, les recettes", "https://cuisine.example.fr/recettes/cafe-creme"),
        ("GitHub - dotnet/efcore: EF Core", "https://github.com/dotnet/efcore"),
        ("100% pure orange juice", "https://shop.example.com/juice?id=1"),
        ("1000 things to do", "https://things.example.com/list"),
        ("snake_case naming", "https://style.example.com/a_b"),
        ("Rust Ownership in Practice", "https://blog.example.net/rust/ownership"),
        ("Taxbot tips", "https://taxbot.example.com/"),
        (@"Path C:\Users\me", "https://win.example.com/path"),
    ];

    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("ownership", new[] { 0, 7 })] // a word of two titles (and of one URL)
    [InlineData("OwNeRsHiP", new[] { 0, 7 })]
    [InlineData("programming", new[] { 0 })]
    [InlineData("own", new[] { 0, 7 })] // the start of a word
    [InlineData("stackover", new[] { 1 })] // the start of a host name's word
    [InlineData("nership", new int[0])] // not the middle of one
    [InlineData("erflow", new int[0])]
    [InlineData("borrow-checker", new[] { 1 })] // punctuation separates words, in q as in the URL
    [InlineData("github.com/dotnet", new[] { 3 })]
    [InlineData("rust-lang.org/book", new[] { 0 })]
    [InlineData("cafe creme", new[] { 2 })] // diacritics folded, in the title and the URL
    [InlineData("CAFÉ", new[] { 2 })]
    [InlineData("cre\u0300me", new[] { 2 })] // a decomposed è is one word with its mark
    [InlineData("rust practice", new[] { 7 })] // every word must match
    [InlineData("rust ownership", new[] { 0, 7 })]
    [InlineData("ownership taxbot", new int[0])]
    [InlineData("no-such-thing", new int[0])]
    [InlineData("100%", new[] { 4, 5 })] // 100 starts 100 and 1000
    [InlineData("snake_case", new[] { 6 })]
    [InlineData(@"c:\users", new[] { 9 })]
    [InlineData("a rust", new[] { 0, 7 })] // a one-character word is left out
    public async Task Search_Words_FindTheVisitsWhoseTitleOrUrlHoldsThemAll(string q, int[] expected)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.Batch(Library.Select((_, n) => LibraryVisit(n))));

        var found = await client.ReadAllAsync($"/api/v1/data/page-visits?q={Uri.EscapeDataString(q)}", 100);

        Assert.Equal(expected.Order().Reverse(), found.Select(v => v["tabId"]!.GetValue<int>())); // newest first
    }

    [Fact]
    public async Task Search_EmptyOrWhiteSpace_IsNoSearch()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.Batch(Library.Select((_, n) => LibraryVisit(n))));

        var empty = await client.ReadAllAsync("/api/v1/data/page-visits?q=", 100);
        var blank = await client.ReadAllAsync("/api/v1/data/page-visits?q=%20%09%20", 100);

        Assert.Equal(Library.Length, empty.Count);
        Assert.Equal(Library.Length, blank.Count);
    }

    [Fact]
    public async Task Search_ManyMatches_PagedWithoutGapsOrRepeats()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        // 60 visits, every third titled "weekly report"; several share one startedAt.
        await client.SyncAsync(SyncData.Batch(Enumerable.Range(0, 60).Select(n =>
        {
            var visit = SyncData.Visit(n, startedAt: SyncData.BaseTime + (n / 4 * 60_000L));
            visit["title"] = n % 3 == 0 ? $"Weekly report {n}" : $"Something else {n}";
            return visit;
        })));

        var found = await client.ReadAllAsync("/api/v1/data/page-visits?q=weekly%20report", 3);

        Assert.Equal(Enumerable.Range(0, 60).Where(n => n % 3 == 0).Reverse(), found.Select(v => v["tabId"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Search_WithTimeDomainAndClientFilters_MatchesWithinThem()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var visits = Enumerable.Range(0, 14).Select(n =>
        {
            var visit = SyncData.Visit(n); // site{n % 7}.example.org, one a minute
            visit["title"] = $"Release notes {n}";
            if (n == 9)
            {
                visit["anonymousClientId"] = "anon-other";
            }
            return visit;
        });
        await client.SyncAsync(SyncData.Batch(visits));
        var (from, to) = (SyncData.BaseTime + (5 * 60_000), SyncData.BaseTime + (12 * 60_000));

        var window = await client.ReadAllAsync($"/api/v1/data/page-visits?q=notes&from={from}&to={to}&domain=site2.example.org", 100);
        var byClient = await client.ReadAllAsync("/api/v1/data/page-visits?q=release&clientId=anon-other", 100);

        Assert.Equal([9], window.Select(v => v["tabId"]!.GetValue<int>()));
        Assert.Equal([9], byClient.Select(v => v["tabId"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Search_OtherUsersMatchingVisits_NeverAppear()
    {
        var (alice, _, _) = await _factory.SignedInUserAsync();
        var (bob, _, _) = await _factory.SignedInUserAsync();
        await alice.SyncAsync(SyncData.Batch(Library.Select((_, n) => LibraryVisit(n))));
        await bob.SyncAsync(SyncData.Batch([LibraryVisit(7)])); // the same visit id as one of Alice's

        var bobs = await bob.ReadAllAsync("/api/v1/data/page-visits?q=ownership", 100);
        var bobsNothing = await bob.ReadAllAsync("/api/v1/data/page-visits?q=overflow", 100);

        Assert.Equal([7], bobs.Select(v => v["tabId"]!.GetValue<int>()));
        Assert.Empty(bobsNothing);
    }

    [Fact]
    public async Task Search_AfterANewerCopyRenamesTheVisit_FindsItByTheNewTitleOnly()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        var visit = LibraryVisit(8);
        visit["endedAt"] = null;
        visit["duration"] = 1_000;
        await client.SyncAsync(SyncData.Batch([visit]));
        var renamed = visit.DeepClone().AsObject();
        renamed["duration"] = 20_000;
        renamed["title"] = "Quarterly budget";
        renamed["url"] = "https://ledger.example.com/q3";

        var receipt = await (await client.SyncAsync(SyncData.Batch([renamed]))).ReadJsonAsync();

        Assert.Equal(1, receipt["pageVisits"]!["updated"]!.GetValue<int>());
        Assert.Empty(await client.ReadAllAsync("/api/v1/data/page-visits?q=taxbot", 100));
        Assert.Single(await client.ReadAllAsync("/api/v1/data/page-visits?q=budget", 100));
        Assert.Single(await client.ReadAllAsync("/api/v1/data/page-visits?q=ledger", 100));
        AssertIndexInStep();
    }

    [Fact]
    public async Task Search_AfterDelete_NoLongerFindsTheVisitNorAnyLaterOne()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.Batch(Library.Select((_, n) => LibraryVisit(n))));
        var id = LibraryVisit(9)["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/data/page-visits/{id}")).StatusCode);
        // SQLite gives the next row the rowid just freed: an index entry left behind would find it.
        await client.SyncAsync(SyncData.Batch([LibraryVisit(10)]));

        Assert.Empty(await client.ReadAllAsync($"/api/v1/data/page-visits?q={Uri.EscapeDataString(@"c:\users")}", 100));
        Assert.Single(await client.ReadAllAsync("/api/v1/data/page-visits?q=taxbot", 100));
        AssertIndexInStep();
    }

    [Fact]
    public async Task Search_AfterAccountDeletion_TheIndexHoldsNothingOfTheirs()
    {
        var (leaver, _, _) = await _factory.SignedInUserAsync();
        await leaver.SyncAsync(SyncData.Batch(Library.Select((_, n) => LibraryVisit(n))));
        Assert.Equal(HttpStatusCode.NoContent,
            (await leaver.SendAsync(TestApi.Json(HttpMethod.Delete, "/api/v1/account", new { password = TestApi.Password }))).StatusCode);
        var (next, _, _) = await _factory.SignedInUserAsync();
        // The newcomer's visits take the rowids the leaver's held.
        await next.SyncAsync(SyncData.Batch(Enumerable.Range(0, Library.Length).Select(n => SyncData.Visit(n))));

        Assert.Empty(await next.ReadAllAsync("/api/v1/data/page-visits?q=ownership", 100));
        Assert.Equal(Library.Length, (await next.ReadAllAsync("/api/v1/data/page-visits?q=title", 100)).Count);
        AssertIndexInStep();
    }

    [Fact]
    public async Task Search_AfterVacuum_StillFindsEveryVisit()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.Batch(Enumerable.Range(0, 30).Select(n => SyncData.Visit(n))));
        foreach (var n in new[] { 0, 3, 4, 17 })
        {
            await client.DeleteAsync($"/api/v1/data/page-visits/{SyncData.Visit(n)["id"]!.GetValue<string>()}");
        }

        _factory.Database.Execute("VACUUM");

        Assert.Equal(["pv_" + (SyncData.BaseTime + (13 * 60_000)) + "_13"],
            (await client.ReadAllAsync("/api/v1/data/page-visits?q=path/13", 100)).Select(v => v["id"]!.GetValue<string>()));
        Assert.Equal(26, (await client.ReadAllAsync("/api/v1/data/page-visits?q=title", 100)).Count);
        AssertIndexInStep();
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"\"\"")]
    [InlineData("\"abc")]
    [InlineData("AND")]
    [InlineData("rust AND ownership")]
    [InlineData("rust OR taxbot")]
    [InlineData("NOT rust")]
    [InlineData("*")]
    [InlineData("own*")]
    [InlineData("NEAR(rust ownership)")]
    [InlineData("title:rust")]
    [InlineData("{title url}:rust")]
    [InlineData("^rust")]
    [InlineData("-rust +ownership")]
    [InlineData("(rust)")]
    [InlineData("%")]
    [InlineData("%%%")]
    [InlineData("___")]
    [InlineData("\\")]
    [InlineData("\\\\\\")]
    [InlineData("'; DROP TABLE \"PageVisits\"; --")]
    [InlineData("🦄🧨💥")]
    [InlineData("𞤀𞤁 ꭰꭱ")] // letters of Unicode versions newer than FTS5's tables
    [InlineData("ʼʼ")] // modifier letters that PostgreSQL's unaccent folds to punctuation
    [InlineData("\u0300\u0301 rust")] // marks alone are no word
    [InlineData("one two three four five six seven eight nine")]
    [InlineData("ünïcødé مرحبا \u202Eevil\u202C")]
    [InlineData("％＿＼")]
    [InlineData("a\0b")]
    [InlineData("\uFEFF\u0001\u007f")]
    public async Task Search_HostileQuery_IsNeverAServerError(string q)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.Batch(Library.Select((_, n) => LibraryVisit(n))));

        var response = await client.GetAsync($"/api/v1/data/page-visits?q={Uri.EscapeDataString(q)}");

        AssertPageOrProblemNamingQ(response, await response.Content.ReadAsStringAsync(), q);
        Assert.Equal(Library.Length, _factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
    }

    [Fact]
    public async Task Search_GeneratedQueries_AreNeverAServerError()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();
        await client.SyncAsync(SyncData.Batch(Library.Select((_, n) => LibraryVisit(n))));
        var syntax = Gen.OneOf(Gen.Const("\""), Gen.Const("*"), Gen.Const("%"), Gen.Const("_"), Gen.Const("\\"), Gen.Const(" AND "),
            Gen.Const(" OR "), Gen.Const("NEAR("), Gen.Const(")"), Gen.Const(":"), Gen.Const("^"), Gen.Const("'"), Gen.Const(" "), Gen.String[1, 6]);
        var cases = 0;

        await syntax.Array[1, 12].Select(parts => string.Concat(parts)).SampleAsync(async q =>
        {
            Interlocked.Increment(ref cases);
            using var response = await client.GetAsync($"/api/v1/data/page-visits?q={Uri.EscapeDataString(q)}");
            AssertPageOrProblemNamingQ(response, await response.Content.ReadAsStringAsync(), q);
        }, iter: 200, threads: 1);

        Assert.True(cases >= 200);
    }

    [Fact]
    public async Task Search_QueryOf200Characters_IsAccepted()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.GetAsync($"/api/v1/data/page-visits?q={new string('x', 200)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Search_QueryOver200Characters_Is400NamingQ()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.GetAsync($"/api/v1/data/page-visits?q={new string('x', 201)}&limit=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), "traceId");
    }

    [Fact]
    public async Task Search_MoreThan8Words_Is400NamingQ()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.GetAsync("/api/v1/data/page-visits?q=" + Uri.EscapeDataString("one two three four five six seven eight nine"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["'q' can have at most 8 words."], (await response.ReadJsonAsync())["errors"]!["q"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("a b c")]
    [InlineData("%_%")]
    [InlineData("\u0300\u0301")]
    public async Task Search_OnlyOneCharacterWordsOrNoWord_Is400NamingQ(string q)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.GetAsync($"/api/v1/data/page-visits?q={Uri.EscapeDataString(q)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["q"], (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public void BundledSqlite_HasFts5WithTheUnicode61TokenizerAndDiacriticFolding()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2');
            INSERT INTO t(x) VALUES ('Crème brûlée');
            SELECT count(*) FROM t WHERE t MATCH '"BRU"*';
            """;

        Assert.Equal(1L, command.ExecuteScalar());
    }

    private static JsonObject LibraryVisit(int n)
    {
        var visit = SyncData.Visit(n);
        var (title, url) = n < Library.Length ? Library[n] : ("Title " + n, $"https://site{n}.example.org/");
        visit["title"] = title;
        visit["url"] = url;
        visit["domain"] = new Uri(url).Host;
        return visit;
    }

    private static void AssertPageOrProblemNamingQ(HttpResponseMessage response, string body, string q)
    {
        var json = JsonNode.Parse(body)!.AsObject();
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Assert.NotNull(json["items"]);
            return;
        }
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"q={q}: {(int)response.StatusCode} {body}");
        Assert.Equal(["q"], json["errors"]!.AsObject().Select(e => e.Key));
    }

    /// <summary>On SQLite, FTS5's own check that its index matches the visits table; PostgreSQL keeps its indexes itself.</summary>
    private void AssertIndexInStep()
    {
        if (_factory.Database.Provider == DatabaseProvider.Sqlite)
        {
            _factory.Database.Execute("""INSERT INTO "PageVisitsSearch"("PageVisitsSearch", rank) VALUES ('integrity-check', 1)""");
        }
    }
}
