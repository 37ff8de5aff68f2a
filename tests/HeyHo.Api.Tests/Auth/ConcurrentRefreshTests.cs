using System.Net;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Auth;

/// <summary>Against the real API process over loopback: one refresh token presented many times at once.</summary>
public sealed class ConcurrentRefreshTests(ChildApiFixture api, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ChildApiFixture>
{
    [Fact]
    public async Task TwentyParallelRefreshesWithOneToken_NoServerErrorAndEveryAnswerIsATokenOrInvalidGrant()
    {
        var (_, tokens, _) = await api.SignedInUserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.Http.RefreshGrantAsync(tokens.RefreshToken)));
        var bodies = await Task.WhenAll(responses.Select(r => r.ReadJsonAsync()));

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        for (var i = 0; i < responses.Length; i++)
        {
            if (responses[i].StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.BadRequest, responses[i].StatusCode);
                Assert.Equal("invalid_grant", bodies[i]["error"]!.GetValue<string>());
            }
        }
        // Within the reuse leeway the token may be redeemed again, so at least one refresh succeeds, and every
        // refresh token handed out works.
        var successes = bodies.Where((_, i) => responses[i].StatusCode == HttpStatusCode.OK).ToList();
        output.WriteLine($"20 parallel refreshes with one token: {successes.Count} answered with new tokens, {20 - successes.Count} invalid_grant");
        Assert.NotEmpty(successes);
        foreach (var issued in successes.Take(3))
        {
            Assert.Equal(HttpStatusCode.OK, (await api.Http.RefreshGrantAsync(issued["refresh_token"]!.GetValue<string>())).StatusCode);
        }
    }
}
