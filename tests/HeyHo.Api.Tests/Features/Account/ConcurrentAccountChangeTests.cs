using System.Net;
using System.Net.Http.Json;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Account;

/// <summary>
/// Another writer (a login on another node, another request) changes the user's row between this request's read
/// and its save, so Identity refuses the save (concurrency stamp). A success must still mean the change is stored,
/// and a refusal must say so.
/// </summary>
public sealed class ConcurrentAccountChangeTests
{
    [Fact]
    public async Task ProfileUpdate_RowChangedElsewhereOnce_TheChangeIsAppliedToTheFreshRow()
    {
        var (factory, budget) = InterferingUserManager.Create(saves: 1);
        using var _ = factory;
        var (client, _, _) = await factory.SignedInUserAsync("pat@example.com");
        budget.Armed = true;

        var response = await client.PatchAsJsonAsync("/api/v1/account", new { displayName = "Mine" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"DisplayName\" = 'Mine'"));
    }

    [Fact]
    public async Task ProfileUpdate_RowChangedElsewhereOnEveryAttempt_Is409AndTheOtherWriteStands()
    {
        var (factory, budget) = InterferingUserManager.Create(saves: int.MaxValue);
        using var _ = factory;
        var (client, _, _) = await factory.SignedInUserAsync("quinn@example.com");
        budget.Armed = true;

        var response = await client.PatchAsJsonAsync("/api/v1/account", new { displayName = "Mine" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(1, factory.Count($"SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"DisplayName\" = '{InterferingUserManager.TheirName}'"));
    }

    [Fact]
    public async Task PasswordChange_RowChangedElsewhere_Is409AndTheOldPasswordAndTokensStillWork()
    {
        var (factory, budget) = InterferingUserManager.Create(saves: 1);
        using var _ = factory;
        var (client, tokens, _) = await factory.SignedInUserAsync("rory@example.com");
        budget.Armed = true;

        var response = await client.PostAsJsonAsync("/api/v1/account/password", new { currentPassword = TestApi.Password, newPassword = "a brand new passphrase" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PasswordGrantAsync("rory@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.RefreshGrantAsync(tokens.RefreshToken)).StatusCode);
    }
}
