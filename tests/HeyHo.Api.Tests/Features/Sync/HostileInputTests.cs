using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Sync;

/// <summary>
/// Property-based: over a thousand generated malformed or hostile requests against the real API process. Every
/// unreadable request gets a 4xx with a JSON error body (problem details, or the OAuth error format on the token
/// endpoint) and no 5xx ever; a readable batch is a 200 whatever its records hold (lone surrogates and NULs in any
/// string, nesting beyond the limit), stores exactly its valid records – their text as sent, or repaired and
/// noted in the receipt – and refuses the rest alone.
/// </summary>
public sealed class HostileInputTests(ChildApiFixture api) : IClassFixture<ChildApiFixture>
{
    private static readonly string[] HostileText =
    [
        "'; DROP TABLE PageVisits; --", "\" OR 1=1 --", "<script>alert('x')</script>", "<img src=x onerror=alert(1)>",
        "\0", "a\0b", "🦄🧨", "\u202Eevil\u202C", "مرحبا بالعالم", "\\", "\\u0000", "${jndi:ldap://x/a}", "../../etc/passwd",
        "%00%27", "\t\r\n", "\u0001\u001f\u007f", "\uFEFF", "null", "{}", "[]", "", " ", "ünïcødé ✓", new string('é', 300),
    ];

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.OneOf<string>(HostileText),
        Gen.String[Gen.Char[(char)1, (char)0xD7FF], 0, 60],
        Gen.String[0, 40]);

    private static void AssertJsonErrorBody(HttpResponseMessage response, string body, string what)
    {
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{what}: expected 4xx, got {status}: {body}");
        var json = JsonNode.Parse(body) as JsonObject;
        Assert.True(json is not null && (json.ContainsKey("error") || (json.ContainsKey("status") && json.ContainsKey("title"))), $"{what}: not a JSON error body: {body}");
    }

    [Fact]
    public async Task ChunkedSyncBodyOverTheLimit_Is413FromTheServerItself()
    {
        var (client, _, userId) = await api.SignedInUserAsync();
        var body = Encoding.UTF8.GetBytes(SyncData.Visits(1).ToJsonString().Replace("\"synced\"", "\"padding\":\"" + new string('p', 5 * 1024 * 1024) + "\",\"synced\"", StringComparison.Ordinal));
        using var content = new ChunkedContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync("/api/v1/data/sync", content);

        Assert.Null(content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, api.Count($"SELECT COUNT(*) FROM \"PageVisits\" WHERE \"UserId\" = '{userId}'"));
    }

    /// <summary>A body sent without Content-Length (chunked): only reading it can tell how long it is.</summary>
    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>What the API must make of a body: unreadable (a whole-request fault) or a batch to store.</summary>
    private static bool IsWholeRequestFault(byte[] body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return true;
        }
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 100_000 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return true;
            }
            var count = 0;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                if (property.Name is "pageVisits" or "tabAggregates" && value.ValueKind is JsonValueKind.Array or JsonValueKind.Null)
                {
                    count += value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0; // a record may nest as deep as it likes: it fails alone
                }
                else if (property.Name is "pageVisits" or "tabAggregates"
                    || (property.Name == "anonymousClientId" && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.String))
                    || (value.ValueKind == JsonValueKind.String && property.Name == "anonymousClientId" && value.GetString() is { } id && (id.Length > 128 || id.Contains('\0', StringComparison.Ordinal)))
                    || DeepestContainer(value, 1) >= 32)
                {
                    return true;
                }
            }
            return count > 1000;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    /// <summary>The depth (as the JSON reader counts it) of the deepest object or array in a value, or -1 if there is none.</summary>
    private static int DeepestContainer(JsonElement value, int depth) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().Select(p => DeepestContainer(p.Value, depth + 1)).Append(depth).Max(),
        JsonValueKind.Array => value.EnumerateArray().Select(e => DeepestContainer(e, depth + 1)).Append(depth).Max(),
        _ => -1,
    };

    private static readonly byte[] ValidBatch = Encoding.UTF8.GetBytes(SyncData.Visits(3).ToJsonString());

    private static readonly Gen<byte[]> MalformedBodies = Gen.OneOf(
        Gen.Byte.Array[0, 300],
        Gen.Int[0, ValidBatch.Length - 1].Select(cut => ValidBatch[..cut]),
        Gen.Int[33, 400].Select(depth => Encoding.UTF8.GetBytes("{\"pageVisits\":[{\"metadata\":" + string.Concat(Enumerable.Repeat("[", depth)) + new string(']', depth) + "}]}")),
        Gen.Int[28, 60].Select(depth => Encoding.UTF8.GetBytes("{\"other\":" + new string('[', depth) + new string(']', depth) + ",\"pageVisits\":[]}")),
        Gen.OneOf<string>("[]", "1", "\"x\"", "true", "null", "[{\"id\":\"a\"}]", "{\"pageVisits\":{}}", "{\"pageVisits\":\"a\"}",
            "{\"tabAggregates\":7}", "{\"anonymousClientId\":[1]}", "{\"pageVisits\":[] ", "{'pageVisits':[]}", "{\"pageVisits\":[1,]}",
            "{\"pageVisits\":[NaN]}", "{\"pageVisits\":[]}\u0000").Select(Encoding.UTF8.GetBytes),
        Gen.Int[1001, 1100].Select(n => Encoding.UTF8.GetBytes("{\"pageVisits\":[" + string.Join(",", Enumerable.Repeat("{}", n)) + "]}")),
        Gen.Byte.Array[1, 8].Select(bad => Encoding.UTF8.GetBytes("{\"pageVisits\":[{\"title\":\"").Concat(bad.Select(b => (byte)(b | 0x80))).Concat(Encoding.UTF8.GetBytes("\"}]}")).ToArray()),
        Text.Select(t => Encoding.UTF8.GetBytes(t)));

    [Fact]
    public async Task MalformedSyncBodies_Are4xxWithJsonErrorBodies_AndStoreNothing()
    {
        var (client, _, userId) = await api.SignedInUserAsync();
        var cases = 0;

        await MalformedBodies.SampleAsync(async body =>
        {
            Interlocked.Increment(ref cases);
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync("/api/v1/data/sync", content);
            var text = await response.Content.ReadAsStringAsync();
            if (IsWholeRequestFault(body))
            {
                AssertJsonErrorBody(response, text, Convert.ToBase64String(body));
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
            }
        }, iter: 600, threads: 1);

        Assert.True(cases >= 600);
        Assert.Equal(0, api.Count($"SELECT COUNT(*) FROM \"PageVisits\" WHERE \"UserId\" = '{userId}'")); // none of them held a valid record
    }

    // System.Text.Json cannot write a lone surrogate, so generated text carries these markers and the request's text
    // gets the escapes that JSON.stringify writes for them (a title cut inside an emoji).
    private const string High = "@@HIGH@@";
    private const string Low = "@@LOW@@";

    private static readonly Gen<string> Spliced = Gen.Select(Text, Gen.OneOf<string>("", High, Low, High + Low, Low + High, High + High + Low), Gen.Int[0, 60],
        (text, lone, at) => text.Insert(Math.Min(at, text.Length), lone));

    private static string WithLoneSurrogates(JsonNode body) => body.ToJsonString().Replace(High, "\\ud800").Replace(Low, "\\udc00");

    /// <summary>
    /// The text as sent: the JSON writer turns a lone surrogate of the generated text itself (a pair the generator cut)
    /// into U+FFFD, then the markers become the surrogates they stand for.
    /// </summary>
    private static string Sent(string text) => Paired(text).Replace(High, "\ud800").Replace(Low, "\udc00");

    /// <summary>What the API stores for sent text: a pair stays a pair, a lone surrogate (and, outside JSON blobs, a NUL) becomes U+FFFD.</summary>
    private static string Stored(string text, bool inJson = false)
    {
        var stored = Paired(Sent(text));
        return inJson ? stored : stored.Replace('\0', '\uFFFD');
    }

    /// <summary>The text with every surrogate that is not half of a pair replaced by U+FFFD.</summary>
    private static string Paired(string text)
    {
        var paired = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                paired.Append(text, i++, 2);
            }
            else
            {
                paired.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
            }
        }
        return paired.ToString();
    }

    private static bool NeedsRepair(string text, bool inJson = false) => Stored(text, inJson) != Sent(text);

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static JsonNode Nested(int depth) => depth == 0 ? JsonValue.Create(1) : new JsonObject { ["d"] = Nested(depth - 1) };

    /// <summary>A generated page visit, what the API must make of it, and where it put hostile text (Field: a JSON path or a field name).</summary>
    private sealed record Record(JsonObject Json, bool Valid, bool Repaired, string Id, string Client, string Field, string Sent, bool InJson);

    private static int _ids;

    private static readonly Gen<Record> Records = Gen.Select(Gen.Int[0, 16], Spliced, Spliced, Spliced, Gen.Int[0, 6], (fault, title, description, other, spot) =>
    {
        var n = Interlocked.Increment(ref _ids);
        var id = $"hostile-{n}";
        var visit = SyncData.Visit(1, id: id);
        visit.Remove("anonymousClientId"); // the request's client id (one per batch) applies, unless spot 6 sets the record's own
        visit["title"] = title;
        visit["metadata"] = new JsonObject { ["description"] = description };
        visit["url"] = "https://example.org/" + Uri.EscapeDataString(title);
        var (field, limit, client) = spot switch
        {
            1 => ("id", 128, ""),
            2 => ("url", 2048, ""),
            3 => ("domain", 255, ""),
            4 => ("metadataKey", int.MaxValue, ""),
            5 => ("category", 256, ""),
            6 => ("anonymousClientId", 128 - "batch-0000".Length, other),
            _ => ("title", 1024, ""),
        };
        switch (spot)
        {
            case 1: id += "-" + other; visit["id"] = id; visit["visitId"] = id; break;
            case 2: visit["url"] = "https://example.org/" + other; break;
            case 3: visit["domain"] = other; break;
            case 4: visit["metadata"] = new JsonObject { [other] = description }; break;
            case 5: visit["category"] = other; break;
            case 6: visit["anonymousClientId"] = "{tag}" + other; break;
        }
        switch (fault)
        {
            case 1: visit["url"] = "javascript:alert(1)"; break;
            case 2: visit["url"] = "https://example.org/" + new string('a', 2100); break;
            case 3: visit["id"] = new string('i', 129); visit["visitId"] = new string('i', 129); break;
            case 4: visit.Remove("id"); visit.Remove("visitId"); break;
            case 5: visit["title"] = new string('t', 1025); break;
            case 6: visit["engagementRate"] = 1.5; break;
            case 7: visit["duration"] = -1; break;
            case 8: visit["startedAt"] = 946684799999L; visit["timestamp"] = 946684799999L; visit["endedAt"] = null; break;
            case 9: visit["startedAt"] = true; visit["timestamp"] = null; break;
            case 10: visit["endedAt"] = SyncData.BaseTime - 1; visit["startedAt"] = SyncData.BaseTime; visit["timestamp"] = SyncData.BaseTime; break;
            case 11: visit["metadata"] = "not an object"; break;
            case 12: visit["tabId"] = "seven"; break;
            case 15: visit["metadata"] = new JsonObject { ["deep"] = Nested(30 + (n % 300)) }; break; // 3 levels above it: deeper than 32
            case 16: visit["idlePeriods"] = new JsonArray(Nested(1 + (n % 28))); break; // 4 levels above it: at most 32
        }
        var sent = spot == 0 ? title : other;
        var url = visit["url"]!.GetValue<string>();
        var valid = fault is 0 or 13 or 14 or 16
            && Stored(title).Length <= 1024 && Stored(sent, spot == 4).Length <= limit
            && (spot != 1 || Stored(id).Length <= 128)
            && (spot != 2 || IsHttpUrl(Stored(url)));
        var repaired = valid && (NeedsRepair(title) || NeedsRepair(description, inJson: true) || (spot != 0 && NeedsRepair(other, spot == 4)));
        return new Record(visit, valid, repaired, Stored(id), client, field, sent, spot == 4);
    });

    /// <summary>A tab aggregate with hostile text in its current URL and domain, a domainDurations key and a statistics value.</summary>
    private static readonly Gen<(JsonObject Json, bool Valid, bool Repaired, string[] Sent)> Aggregates = Gen.Select(Spliced, Spliced, Spliced, (url, domain, key) =>
    {
        var n = Interlocked.Increment(ref _ids);
        var aggregate = SyncData.Aggregate(n, startTime: SyncData.BaseTime + n);
        aggregate.Remove("anonymousClientId");
        aggregate["currentUrl"] = url;
        aggregate["currentDomain"] = domain;
        aggregate["domainDurations"] = new JsonObject { [key] = 1000 };
        aggregate["statistics"] = new JsonObject { ["mostVisitedDomain"] = domain };
        var valid = Stored(url).Length <= 2048 && Stored(domain).Length <= 255;
        var repaired = valid && (NeedsRepair(url) || NeedsRepair(domain) || NeedsRepair(key, inJson: true));
        return (aggregate, valid, repaired, new[] { url, domain, key });
    });

    [Fact]
    public async Task WellFormedBatchesWithHostileRecords_StoreExactlyTheValidOnes_RepairWhatTheyMust_AndReadBackAsStored()
    {
        var (client, _, userId) = await api.SignedInUserAsync();
        var expectedVisits = 0;
        var batches = 0;
        var repairedRecords = 0;

        await Gen.Select(Records.Array[1, 12], Aggregates.Array[0, 3]).SampleAsync(async sample =>
        {
            var (records, aggregates) = sample;
            var tag = $"batch-{Interlocked.Increment(ref batches):D4}";
            var visits = new JsonArray(records.Select(r => (JsonNode)r.Json.DeepClone()).ToArray());
            foreach (var visit in visits.Where(v => v!["anonymousClientId"] is not null))
            {
                visit!["anonymousClientId"] = visit["anonymousClientId"]!.GetValue<string>().Replace("{tag}", tag);
            }
            var body = new JsonObject
            {
                ["anonymousClientId"] = tag, ["pageVisits"] = visits,
                ["tabAggregates"] = new JsonArray(aggregates.Select(a => (JsonNode)a.Json.DeepClone()).ToArray()),
            };
            using var response = await client.SyncAsync(WithLoneSurrogates(body));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
            var receipt = JsonNode.Parse(text)!;

            // The receipt accounts for every record: stored (inserted) or refused, and the stored ones it repaired.
            var valid = records.Count(r => r.Valid);
            expectedVisits += valid;
            Assert.Equal(records.Length, receipt["pageVisits"]!["received"]!.GetValue<int>());
            Assert.Equal(valid, receipt["pageVisits"]!["inserted"]!.GetValue<int>());
            Assert.Equal(records.Length - valid, receipt["pageVisits"]!["rejected"]!.GetValue<int>());
            Assert.Equal(aggregates.Count(a => a.Valid), receipt["tabAggregates"]!["inserted"]!.GetValue<int>());
            Assert.Equal(aggregates.Count(a => !a.Valid), receipt["tabAggregates"]!["rejected"]!.GetValue<int>());
            var repaired = receipt["repaired"]!.AsArray().Select(r => (r!["kind"]!.GetValue<string>(), r["index"]!.GetValue<int>())).ToHashSet();
            repairedRecords += repaired.Count;
            Assert.Equal(
                records.Select((r, i) => (r, i)).Where(x => x.r.Repaired).Select(x => ("pageVisit", x.i))
                    .Concat(aggregates.Select((a, i) => (a, i)).Where(x => x.a.Repaired).Select(x => ("tabAggregate", x.i))).ToHashSet(),
                repaired);

            // What was stored reads back as the API said it would store it.
            var stored = new Dictionary<string, JsonNode>();
            foreach (var installation in records.Select(r => tag + Stored(r.Client)).Append(tag).Distinct())
            {
                var page = await (await client.GetAsync($"/api/v1/data/page-visits?limit=500&clientId={Uri.EscapeDataString(installation)}")).ReadJsonAsync();
                foreach (var item in page["items"]!.AsArray())
                {
                    stored[item!["id"]!.GetValue<string>()] = item;
                }
            }
            Assert.Equal(valid, stored.Count);
            foreach (var record in records.Where(r => r.Valid))
            {
                var item = stored[record.Id];
                Assert.Equal(Stored(record.Json["title"]!.GetValue<string>()), item["title"]!.GetValue<string>());
                var metadata = item["metadata"]!.AsObject();
                if (record.Field == "metadataKey")
                {
                    Assert.Equal(Stored(record.Sent, inJson: true), Assert.Single(metadata).Key);
                }
                else
                {
                    var description = record.Json["metadata"]!["description"]!.GetValue<string>();
                    Assert.Equal(Stored(description, inJson: true), metadata["description"]!.GetValue<string>());
                }
                if (record.Field is "url" or "domain" or "category" or "anonymousClientId")
                {
                    var sent = record.Field switch { "anonymousClientId" => tag + record.Sent, "url" => "https://example.org/" + record.Sent, _ => record.Sent };
                    Assert.Equal(Stored(sent), item[record.Field]!.GetValue<string>());
                }
            }
            var storedAggregates = (await (await client.GetAsync($"/api/v1/data/tab-aggregates?limit=500&clientId={Uri.EscapeDataString(tag)}")).ReadJsonAsync())["items"]!.AsArray();
            Assert.Equal(aggregates.Where(a => a.Valid).Select(a => Stored(a.Sent[0])).Order(StringComparer.Ordinal),
                storedAggregates.Select(a => a!["currentUrl"]!.GetValue<string>()).Order(StringComparer.Ordinal));
            foreach (var (aggregate, item) in aggregates.Where(a => a.Valid).Join(storedAggregates, a => a.Json["tabId"]!.GetValue<int>(), i => i!["tabId"]!.GetValue<int>(), (a, i) => (a, i!)))
            {
                Assert.Equal(Stored(aggregate.Sent[1]), item["currentDomain"]!.GetValue<string>());
                Assert.Equal(Stored(aggregate.Sent[2], inJson: true), Assert.Single(item["domainDurations"]!.AsObject()).Key);
                Assert.Equal(Stored(aggregate.Sent[1], inJson: true), item["statistics"]!["mostVisitedDomain"]!.GetValue<string>());
            }
        }, iter: 250, threads: 1);

        Assert.Equal(expectedVisits, api.Count($"SELECT COUNT(*) FROM \"PageVisits\" WHERE \"UserId\" = '{userId}'"));
        Assert.True(repairedRecords >= 100, $"only {repairedRecords} repaired records were generated");
    }

    private static readonly Gen<(string Path, HttpContent Content)> AuthRequests = Gen.OneOf(
        Gen.Select(Gen.OneOf<string>("password", "refresh_token", "client_credentials", "authorization_code", "", "PASSWORD"),
            Gen.OneOf<string>("heyho-extension", "someone-else", ""), Text, Text, (grant, clientId, user, secret) =>
            ("/api/v1/auth/login", (HttpContent)new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = grant, ["client_id"] = clientId, ["username"] = user + "@nowhere.example",
                ["password"] = secret, ["refresh_token"] = secret, ["scope"] = "offline_access",
            }))),
        Text.Select(t => ("/api/v1/auth/login", (HttpContent)new StringContent(
            JsonSerializer.Serialize(new { grant_type = "password", username = t, password = t, client_id = "heyho-extension" }), Encoding.UTF8, "application/json"))),
        Gen.Byte.Array[0, 200].Select(b => ("/api/v1/auth/login", (HttpContent)new ByteArrayContent(b) { Headers = { ContentType = new("application/x-www-form-urlencoded") } })),
        Gen.Select(Text, Gen.OneOf<string>("someone-else", ""), (token, clientId) => ("/api/v1/auth/revoke", (HttpContent)new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token, ["client_id"] = clientId,
        }))),
        Gen.Select(Text, Text, (email, password) => ("/api/v1/auth/register", (HttpContent)new StringContent(
            JsonSerializer.Serialize(new { email = email + "@", password = password.Length >= 12 ? password[..11] : password }), Encoding.UTF8, "application/json"))),
        Gen.Byte.Array[0, 200].Select(b => ("/api/v1/auth/register", (HttpContent)new ByteArrayContent(b) { Headers = { ContentType = new("application/json") } })),
        Text.Select(t => ("/api/v1/auth/register", (HttpContent)new StringContent(t, Encoding.UTF8, "text/plain"))));

    [Fact]
    public async Task HostileAuthRequests_Are4xxWithJsonErrorBodies()
    {
        var cases = 0;
        await AuthRequests.SampleAsync(async request =>
        {
            Interlocked.Increment(ref cases);
            using var response = await api.Http.PostAsync(request.Path, request.Content);
            AssertJsonErrorBody(response, await response.Content.ReadAsStringAsync(), request.Path);
        }, iter: 300, threads: 1);

        Assert.True(cases >= 300);
        Assert.Equal(0, api.Count("SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"Email\" NOT LIKE 'user-%@example.com'"));
    }
}
