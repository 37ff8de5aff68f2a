using HeyHo.Api.Auth;
using HeyHo.Api.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace HeyHo.Api.Tests.Auth;

public sealed class TokenPruningTests
{
    private static async Task<(HttpClient Client, Tokens Current)> RotateAndRevoke(HeyHoApiFactory factory)
    {
        var client = factory.CreateClient();
        await client.RegisterAsync("prune@example.com");
        var first = await client.LoginAsync("prune@example.com");
        var second = await TestApi.ReadTokensAsync(await client.RefreshGrantAsync(first.RefreshToken)); // first: redeemed
        var third = await TestApi.ReadTokensAsync(await client.RefreshGrantAsync(second.RefreshToken)); // second: redeemed
        var other = await client.LoginAsync("prune@example.com");
        await client.PostAsync("/api/v1/auth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = other.RefreshToken, ["client_id"] = TestApi.ClientId,
        }));
        return (client, third);
    }

    [Fact]
    public async Task PruneOnce_RemovesRedeemedAndRevokedTokensOlderThanTheAge_KeepsValidOnes()
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?> { ["Auth:Pruning:Enabled"] = "false" });
        var (client, current) = await RotateAndRevoke(factory);
        var before = factory.Count("SELECT COUNT(*) FROM \"OpenIddictTokens\"");
        var pruning = factory.Services.GetRequiredService<TokenPruning>();

        var tooYoung = await pruning.PruneOnceAsync(CancellationToken.None);
        factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var pruned = await pruning.PruneOnceAsync(CancellationToken.None);

        Assert.Equal(0, tooYoung);
        Assert.True(pruned >= 3, $"pruned {pruned}");
        Assert.True(factory.Count("SELECT COUNT(*) FROM \"OpenIddictTokens\"") < before);
        Assert.Equal(0, factory.Count("SELECT COUNT(*) FROM \"OpenIddictTokens\" WHERE \"Status\" <> 'valid'"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.RefreshGrantAsync(current.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Schedule_PrunesWhenTheIntervalPasses()
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?>
        {
            ["Auth:Pruning:Interval"] = "00:10:00", ["Auth:Pruning:MinimumAge"] = "00:00:00",
        });
        await RotateAndRevoke(factory);
        Assert.True(factory.Count("SELECT COUNT(*) FROM \"OpenIddictTokens\" WHERE \"Status\" <> 'valid'") > 0);

        using var pruned = new RecordedMeasurements(factory.Services, "heyho.auth.tokens.pruned");

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        await pruned.Recorded; // the scheduled run has finished

        Assert.Equal(0, factory.Count("SELECT COUNT(*) FROM \"OpenIddictTokens\" WHERE \"Status\" <> 'valid'"));
    }
}
