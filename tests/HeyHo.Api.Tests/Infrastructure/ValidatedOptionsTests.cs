using HeyHo.Api.Tests.Harness;

namespace HeyHo.Api.Tests.Infrastructure;

public sealed class ValidatedOptionsTests
{
    [Theory]
    [InlineData("Auth:AccessTokenLifetime", "00:00:10", "Auth:AccessTokenLifetime")]
    [InlineData("Auth:PasswordHashIterations", "1000", "Auth:PasswordHashIterations")]
    [InlineData("Auth:Pruning:Interval", "00:00:00", "Auth:Pruning:Interval")]
    [InlineData("Database:BusyTimeoutMs", "-1", "Database:BusyTimeoutMs")]
    [InlineData("Database:BusyTimeoutMs", "soon", "Database:BusyTimeoutMs")]
    [InlineData("Database:Provider", "Oracle", "Database:Provider")]
    [InlineData("Auth:Issuer", "api.heyho.example", "Auth:Issuer")]
    [InlineData("RateLimits:SyncsPerUser:PermitLimit", "0", "RateLimits:SyncsPerUser:PermitLimit")]
    [InlineData("RateLimits:PasswordGrantsPerIp:Window", "not a time", "RateLimits:PasswordGrantsPerIp:Window")]
    [InlineData("Cors:AllowedOrigins:0", "chrome-extension://abc/path", "Cors:AllowedOrigins")]
    [InlineData("Docs:Enabled", "maybe", "Docs:Enabled")]
    public void InvalidSetting_StopsStartUpNamingIt(string key, string value, string named)
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }
}
