using HeyHo.Api.Infrastructure.Mail;
using HeyHo.Api.Tests.Harness;
using Microsoft.Extensions.DependencyInjection;

namespace HeyHo.Api.Tests.Operability;

public sealed class MailConfigurationTests
{
    [Theory]
    [InlineData("Mail:Port", "0", "Mail:Port")]
    [InlineData("Mail:Port", "smtp", "Mail:Port")]
    [InlineData("Mail:Security", "Tls", "Mail:Security")]
    [InlineData("Mail:From", "not an address", "Mail:From")]
    [InlineData("Mail:Timeout", "00:00:00", "Mail:Timeout")]
    [InlineData("Mail:Password", "secret-for-nobody", "Mail:Password")]
    [InlineData("Mail:Outbox:MaxAttempts", "0", "Mail:Outbox:MaxAttempts")]
    [InlineData("Mail:Outbox:FirstRetryDelay", "00:00:00", "Mail:Outbox:FirstRetryDelay")]
    [InlineData("RateLimits:VerificationResendsPerEmail:PermitLimit", "0", "RateLimits:VerificationResendsPerEmail:PermitLimit")]
    [InlineData("RateLimits:VerificationResendsPerIp:Window", "never", "RateLimits:VerificationResendsPerIp:Window")]
    public void InvalidSetting_StopsStartUpNamingIt(string key, string value, string named)
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-for-nobody", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mail:Host")]
    [InlineData("Mail:From")]
    public void OutsideDevelopment_NoSmtpHostOrSender_StopsStartUpNamingIt(string key)
    {
        using var certificates = new ProductionCertificates();
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?>(certificates.Settings) { [key] = "" }, environment: "Production");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains($"{key}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void InDevelopment_NoSmtpHost_MeansThePickupDirectoryOnly()
    {
        using var factory = new HeyHoApiFactory(new Dictionary<string, string?> { ["Mail:Host"] = "" });
        factory.CreateClient();

        var delivery = factory.Services.GetRequiredService<MailDelivery>();

        Assert.False(delivery.UsesSmtp);
        Assert.Equal(factory.MailDirectory, delivery.PickupDirectory);
    }

    [Fact]
    public void OutsideDevelopment_NoPickupCopies()
    {
        using var certificates = new ProductionCertificates();
        using var factory = new HeyHoApiFactory(certificates.Settings, environment: "Production");
        factory.CreateClient();

        var delivery = factory.Services.GetRequiredService<MailDelivery>();

        Assert.True(delivery.UsesSmtp);
        Assert.Null(delivery.PickupDirectory);
    }
}
