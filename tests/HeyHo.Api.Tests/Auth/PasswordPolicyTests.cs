using System.Net;
using System.Net.Http.Json;
using HeyHo.Api.Auth;
using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Auth;

public sealed class PasswordPolicyTests
{
    private static readonly string[] Volatile = ["traceId"];

    [Theory]
    [InlineData("password1234", PasswordPolicy.CommonCode)]
    [InlineData("qwertyuiop123", PasswordPolicy.CommonCode)]
    [InlineData("iloveyou2024!", PasswordPolicy.CommonCode)]
    [InlineData("123456789012", PasswordPolicy.GuessableCode)]
    [InlineData("aaaaaaaaaaaa", PasswordPolicy.GuessableCode)]
    [InlineData("ada.lovelace1815", PasswordPolicy.PersonalCode)]
    [InlineData("lovelace-ada-1815", PasswordPolicy.PersonalCode)]
    [InlineData("Ada Lovelace Ada Lovelace", PasswordPolicy.PersonalCode)]
    public void Check_WeakOrPersonalPasswords_AreRefusedWithTheirReason(string password, string code) =>
        Assert.Equal(code, PasswordPolicy.Check(password, PasswordPolicy.PersonalWords("ada.lovelace@example.com", "Ada", "Lovelace"))?.Code);

    [Theory]
    [InlineData(TestApi.Password)]
    [InlineData("violet tugboat marmalade zipper")]
    [InlineData("sunflower radio glacier")]
    [InlineData(HeyHo.Testing.Users.Password)]
    public void Check_StrongPassphrases_AreAccepted(string password) =>
        Assert.Null(PasswordPolicy.Check(password, PasswordPolicy.PersonalWords("ada.lovelace@example.com", "Ada", "Lovelace")));

    [Fact]
    public void PersonalWords_TakeTheEmailItsLocalPartItsPiecesAndNames() =>
        Assert.Equal(
            ["ada.lovelace@example.com", "ada.lovelace", "ada", "lovelace", "countess"],
            PasswordPolicy.PersonalWords("Ada.Lovelace@example.com", "Countess", null));

    [Fact]
    public async Task Register_ACommonPassword_Is400WithItsReason()
    {
        using var factory = new HeyHoApiFactory();
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/register", new { email = "ada@example.com", password = "password1234" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), Volatile);
    }

    [Fact]
    public async Task Register_APasswordFromTheEmail_Is400WithItsReason()
    {
        using var factory = new HeyHoApiFactory();
        var response = await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/register",
            new { email = "grace.hopper@example.com", password = "grace.hopper1906" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(PasswordPolicy.PersonalMessage, (await response.ReadJsonAsync())["errors"]!["password"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task ChangePassword_ACommonPassword_Is400WithItsReason_AndThePasswordStays()
    {
        using var factory = new HeyHoApiFactory();
        var (client, _, _) = await factory.SignedInUserAsync("ada@example.com");

        var response = await client.PostAsJsonAsync("/api/v1/account/password", new { currentPassword = TestApi.Password, newPassword = "qwertyuiop123" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(await response.Content.ReadAsStringAsync(), Volatile);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PasswordGrantAsync("ada@example.com")).StatusCode);
    }
}
