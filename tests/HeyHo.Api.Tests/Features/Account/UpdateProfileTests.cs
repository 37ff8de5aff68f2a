using System.Net.Http.Json;
using System.Net;
using System.Text;

using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Features.Account;

public sealed class UpdateProfileTests : IDisposable
{
    private static readonly string[] Volatile = ["id", "createdAt", "traceId"];
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task UpdateProfile_DisplayName_IsStoredAndReturned()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.PatchAsJsonAsync("/api/v1/account", new { displayName = "  Renamed  " });
        var profile = await (await client.GetAsync("/api/v1/account")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Renamed", (await response.ReadJsonAsync())["displayName"]!.GetValue<string>());
        Assert.Equal("Renamed", profile["displayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateProfile_TimeZone_IsStoredShownAndClearedByAnEmptyString()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var set = await (await client.PatchAsJsonAsync("/api/v1/account", new { displayName = "Kiyoko", timeZone = "Asia/Tokyo" })).ReadJsonAsync();
        var kept = await (await client.PatchAsJsonAsync("/api/v1/account", new { displayName = "Kiyoko" })).ReadJsonAsync();
        var privacy = await (await client.GetAsync("/api/v1/account/privacy")).ReadJsonAsync();
        var cleared = await (await client.PatchAsJsonAsync("/api/v1/account", new { displayName = "Kiyoko", timeZone = "" })).ReadJsonAsync();

        Assert.Equal("Asia/Tokyo", set["timeZone"]!.GetValue<string>());
        Assert.Equal("Asia/Tokyo", kept["timeZone"]!.GetValue<string>());
        Assert.Equal("Asia/Tokyo", privacy["timeZone"]!.GetValue<string>());
        Assert.Null(cleared["timeZone"]);
        Assert.Null((await (await client.GetAsync("/api/v1/account")).ReadJsonAsync())["timeZone"]);
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("+02:00")]
    public async Task UpdateProfile_NotAnIanaTimeZone_Returns400AndChangesNothing(string timeZone)
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.PatchAsJsonAsync("/api/v1/account", new { displayName = "Changed", timeZone });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["timeZone"], (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"DisplayName\" IS NOT NULL OR \"TimeZone\" IS NOT NULL"));
    }

    [Fact]
    public async Task UpdateProfile_TooLong_Returns400AndChangesNothing()
    {
        var (client, _, _) = await _factory.SignedInUserAsync();

        var response = await client.PatchAsJsonAsync("/api/v1/account", new { displayName = new string('x', 101) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"DisplayName\" IS NOT NULL"));
    }

    // Another writer (a login on another node, another request) changes the user's row between this request's read
    // and its save, so Identity refuses the save: a success must still mean the change is stored, a refusal must say so.
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
}
