using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using HeyHo.Api.Tests.Infrastructure;
using HeyHo.Api.Tests.Reliability;

namespace HeyHo.Api.Tests.Features.Sync;

/// <summary>
/// Property-based: over a thousand generated malformed or hostile requests against the real API process. Every
/// unreadable request gets a 4xx with a JSON error body (problem details, or the OAuth error format on the token
/// endpoint) and no 5xx ever; well-formed batches store exactly their valid records, whose hostile text reads
/// back byte for byte.
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

    /// <summary>What the API must make of a body: unreadable (a whole-request fault) or a batch to store.</summary>
    private static bool IsWholeRequestFault(byte[] body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return true;
        }
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return true;
            }
            var count = 0;
            foreach (var name in new[] { "pageVisits", "tabAggregates" })
            {
                if (root.TryGetProperty(name, out var array) && array.ValueKind != JsonValueKind.Null)
                {
                    if (array.ValueKind != JsonValueKind.Array)
                    {
                        return true;
                    }
                    count += array.GetArrayLength();
                }
            }
            return count > 1000
                || (root.TryGetProperty("anonymousClientId", out var id) && id.ValueKind is not (JsonValueKind.Null or JsonValueKind.String))
                || (id.ValueKind == JsonValueKind.String && id.GetString()!.Length > 128);
        }
        catch (JsonException)
        {
            return true;
        }
    }

    private static readonly byte[] ValidBatch = Encoding.UTF8.GetBytes(SyncData.Visits(3).ToJsonString());

    private static readonly Gen<byte[]> MalformedBodies = Gen.OneOf(
        Gen.Byte.Array[0, 300],
        Gen.Int[0, ValidBatch.Length - 1].Select(cut => ValidBatch[..cut]),
        Gen.Int[33, 400].Select(depth => Encoding.UTF8.GetBytes("{\"pageVisits\":[{\"metadata\":" + string.Concat(Enumerable.Repeat("[", depth)) + new string(']', depth) + "}]}")),
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

    private sealed record Record(JsonObject Json, bool Valid, string Id, string Title);

    private static int _ids;

    private static readonly Gen<Record> Records = Gen.Select(Gen.Int[0, 14], Text, Text, (fault, title, description) =>
    {
        var id = $"hostile-{Interlocked.Increment(ref _ids)}";
        var visit = SyncData.Visit(1, id: id);
        visit.Remove("anonymousClientId"); // the request's client id (one per batch) applies
        visit["title"] = title;
        visit["metadata"] = new JsonObject { ["description"] = description };
        visit["url"] = "https://example.org/" + Uri.EscapeDataString(title);
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
        }
        // A NUL in a text field is refused on every engine (PostgreSQL cannot store it); inside JSON it stays \u0000.
        var valid = fault is 0 or 13 or 14 && title.Length <= 1024 && !title.Contains('\0', StringComparison.Ordinal);
        return new Record(visit, valid, id, title);
    });

    [Fact]
    public async Task WellFormedBatchesWithHostileRecords_StoreExactlyTheValidOnes_AndTheirTextReadsBackExactly()
    {
        var (client, _, userId) = await api.SignedInUserAsync();
        var expectedValid = 0;
        var batches = 0;

        await Records.Array[1, 12].SampleAsync(async records =>
        {
            var tag = $"batch-{Interlocked.Increment(ref batches)}";
            var body = new JsonObject { ["anonymousClientId"] = tag, ["pageVisits"] = new JsonArray(records.Select(r => (JsonNode)r.Json.DeepClone()).ToArray()) };
            using var response = await client.SyncAsync(body);
            var receipt = await response.ReadJsonAsync();
            var valid = records.Count(r => r.Valid);
            expectedValid += valid;

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(valid, receipt["pageVisits"]!["inserted"]!.GetValue<int>());
            Assert.Equal(records.Length - valid, receipt["pageVisits"]!["rejected"]!.GetValue<int>());
            var stored = (await (await client.GetAsync($"/api/v1/data/page-visits?limit=500&clientId={Uri.EscapeDataString(tag)}")).ReadJsonAsync())["items"]!.AsArray()
                .ToDictionary(i => i!["id"]!.GetValue<string>(), i => i!);
            Assert.Equal(valid, stored.Count);
            foreach (var record in records.Where(r => r.Valid))
            {
                Assert.Equal(record.Title, stored[record.Id]["title"]!.GetValue<string>());
                Assert.Equal(record.Json["metadata"]!["description"]!.GetValue<string>(), stored[record.Id]["metadata"]!["description"]!.GetValue<string>());
            }
        }, iter: 250, threads: 1);

        Assert.Equal(expectedValid, api.Count($"SELECT COUNT(*) FROM \"PageVisits\" WHERE \"UserId\" = '{userId}'"));
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
