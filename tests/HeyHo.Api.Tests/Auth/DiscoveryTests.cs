using Duende.IdentityModel.Client;
using HeyHo.Api.Tests.Harness;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HeyHo.Api.Tests.Auth;

/// <summary>A standard OAuth client library, pointed only at the discovery document, can do everything the extension does.</summary>
public sealed class DiscoveryTests : IDisposable
{
    private readonly HeyHoApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task StandardClient_FromDiscovery_LogsInRefreshesRevokesAndVerifiesTheJwt()
    {
        var http = _factory.CreateClient();
        await http.RegisterAsync("std@example.com");
        var disco = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest
        {
            Address = http.BaseAddress!.ToString(),
            Policy = { RequireHttps = false },
        });
        Assert.False(disco.IsError, disco.Error);
        Assert.EndsWith("/api/v1/auth/login", disco.TokenEndpoint, StringComparison.Ordinal);
        Assert.EndsWith("/api/v1/auth/revoke", disco.RevocationEndpoint, StringComparison.Ordinal);

        var login = await http.RequestPasswordTokenAsync(new PasswordTokenRequest
        {
            Address = disco.TokenEndpoint, ClientId = TestApi.ClientId, UserName = "std@example.com", Password = TestApi.Password, Scope = "offline_access",
        });
        Assert.False(login.IsError, login.Error);

        var keys = new JsonWebKeySet(disco.KeySet!.RawData);
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(login.AccessToken, new TokenValidationParameters
        {
            ValidIssuer = disco.Issuer,
            ValidateAudience = false,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidTypes = ["at+jwt"],
            LifetimeValidator = (_, expires, _, _) => expires > _factory.Clock.GetUtcNow().UtcDateTime, // the server's clock
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);

        var refreshed = await http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = disco.TokenEndpoint, ClientId = TestApi.ClientId, RefreshToken = login.RefreshToken!,
        });
        Assert.False(refreshed.IsError, refreshed.Error);

        var revoked = await http.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = disco.RevocationEndpoint, ClientId = TestApi.ClientId, Token = refreshed.RefreshToken!, TokenTypeHint = "refresh_token",
        });
        Assert.False(revoked.IsError, revoked.Error);

        var afterRevoke = await http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = disco.TokenEndpoint, ClientId = TestApi.ClientId, RefreshToken = refreshed.RefreshToken!,
        });
        Assert.Equal("invalid_grant", afterRevoke.Error);
    }
}
