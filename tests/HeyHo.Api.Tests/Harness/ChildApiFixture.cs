using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HeyHo.Testing;

namespace HeyHo.Api.Tests.Harness;

/// <summary>The real API as a child process on loopback over its own database, shared by one test class.</summary>
public class ChildApiFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("heyho-child-");

    public ApiProcess Api { get; private set; } = null!;

    public DatabaseUnderTest Database { get; } = DatabaseUnderTest.Create();

    /// <summary>Settings for the child process, as environment variables.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var environment = new Dictionary<string, string>(Database.Environment);
        foreach (var (key, value) in Settings)
        {
            environment[key] = value;
        }
        Api = ApiProcess.Start(_work.FullName, environment);
        Http = new HttpClient { BaseAddress = Api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await Api.WaitUntilReadyAsync(Http);
    }

    public virtual Task DisposeAsync()
    {
        Http.Dispose();
        Api.Dispose();
        Database.Dispose();
        _work.Delete(recursive: true);
        return Task.CompletedTask;
    }

    public long Count(string sql) => Database.Count(sql);

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

/// <summary>A child API that gives up on a held lock after 300 ms instead of seconds.</summary>
public sealed class ShortLockWaitApiFixture : ChildApiFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Database__BusyTimeoutMs"] = "300", // SQLite: another process's write lock
        ["Database__WriteQueueTimeoutMs"] = "300", // PostgreSQL: lock_timeout
    };
}
