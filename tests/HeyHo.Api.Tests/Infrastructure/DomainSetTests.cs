using HeyHo.Api.Infrastructure;

namespace HeyHo.Api.Tests.Infrastructure;

/// <summary>The one matching rule behind excluded domains and deletes by domain: a domain and its subdomains, nothing that merely ends alike.</summary>
public sealed class DomainSetTests
{
    private static readonly DomainSet Excluded = new(["example.com", "xn--bcher-kva.de"]);

    [Theory]
    [InlineData("example.com", true)]
    [InlineData("a.b.example.com", true)]
    [InlineData("WWW.Example.COM.", true)]
    [InlineData("bücher.de", true)]
    [InlineData("shop.xn--bcher-kva.de", true)]
    [InlineData("notexample.com", false)]
    [InlineData("example.com.evil.org", false)]
    [InlineData("com", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Covers_TheDomainAndItsSubdomainsOnly(string? host, bool covered) => Assert.Equal(covered, Excluded.Covers(host));

    [Theory]
    [InlineData("""{"example.com":1000}""", true)]
    [InlineData("""{"docs.example.net":1,"mail.EXAMPLE.com":2}""", true)]
    [InlineData("""{"mostVisitedDomain":"a.example.com"}""", true)]
    [InlineData("""{"notexample.com":1000}""", false)]
    [InlineData("""{"example.company":1000}""", false)]
    [InlineData("""{"url":"https://example.com/"}""", false)]
    [InlineData(null, false)]
    public void NamedIn_AWholeJsonStringOnly(string? json, bool named) => Assert.Equal(named, Excluded.NamedIn(json));

    [Theory]
    [InlineData(" Example.COM. ", "example.com")]
    [InlineData("bücher.de", "xn--bcher-kva.de")]
    [InlineData("192.168.1.10", "192.168.1.10")]
    [InlineData("https://example.com", null)]
    [InlineData("example.com:443", null)]
    [InlineData("*.example.com", null)]
    [InlineData("[::1]", null)]
    [InlineData("a..b", null)]
    public void TryNormalize_HostNamesOnly(string text, string? expected) =>
        Assert.Equal(expected, HostNames.TryNormalize(text, out var host) ? host : null);
}
