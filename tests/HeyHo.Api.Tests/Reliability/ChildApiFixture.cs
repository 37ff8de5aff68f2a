using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeyHo.Api.Tests.Infrastructure;
using HeyHo.Bench;
using Microsoft.Data.Sqlite;

namespace HeyHo.Api.Tests.Reliability;

/// <summary>The real API as a child process on loopback over its own SQLite file, shared by one test class.</summary>
public sealed class ChildApiFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("heyho-child-");

    public ApiProcess Api { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = ApiProcess.Start(_work.FullName, new Dictionary<string, string> { ["Database__BusyTimeoutMs"] = "300" });
        Http = new HttpClient { BaseAddress = Api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await Api.WaitUntilReadyAsync(Http);
    }

    public Task DisposeAsync()
    {
        Http.Dispose();
        Api.Dispose();
        SqliteConnection.ClearAllPools();
        _work.Delete(recursive: true);
        return Task.CompletedTask;
    }

    public SqliteConnection OpenDatabase() => SqliteProbe.Open(Api.DatabasePath);

    public long Count(string sql) => SqliteProbe.Count(Api.DatabasePath, sql);

    /// <summary>A new user's client (bearer token set), its tokens and its id.</summary>
    public async Task<(HttpClient Client, Tokens Tokens, string UserId)> SignedInUserAsync()
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        var profile = await Http.RegisterAsync(email);
        var tokens = await Http.LoginAsync(email);
        var client = new HttpClient { BaseAddress = Api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.AccessToken);
        return (client, tokens, profile["id"]!.GetValue<string>());
    }
}
