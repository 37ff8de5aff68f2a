using HeyHo.Api.Web;

namespace HeyHo.Api.Tests.Web;

public sealed class ReturnUrlsTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/history?domain=example.com")]
    [InlineData("/api/v1/auth/authorize?client_id=heyho-cli&scope=openid%20offline_access")]
    public void Local_PathOnThisSite_IsKept(string url) => Assert.Equal(url, ReturnUrls.Local(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("///evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/%2F%2Fevil.example")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%252F%252Fevil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("/ /evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("~/evil")]
    [InlineData("evil.example")]
    public void Local_AnythingElse_IsTheHomePage(string? url) => Assert.Equal("/", ReturnUrls.Local(url));
}
