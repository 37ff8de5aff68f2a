using HeyHo.Api.Infrastructure.Security;

namespace HeyHo.Api.Tests.Infrastructure.Security;

public sealed class DeviceLabelsTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome 131 on Windows")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70", "Edge 131 on Windows")]
    [InlineData("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox 133 on Linux")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "Safari 18 on macOS")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "Safari 18 on iOS")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome 131 on Android")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0", "Opera 115 on Windows")]
    [InlineData("curl/8.5.0", "curl")]
    [InlineData("python-requests/2.32.3", "python-requests")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64)", "Linux")]
    [InlineData("", "Unknown device")]
    [InlineData("   ", "Unknown device")]
    [InlineData("(((", "Unknown device")]
    public void Of_KnownUserAgents_AreReadable(string userAgent, string label) => Assert.Equal(label, DeviceLabels.Of(userAgent));

    [Fact]
    public void Of_AHugeVersion_StaysWithinTheColumn() =>
        Assert.True(DeviceLabels.Of($"Mozilla/5.0 (Windows NT 10.0) Chrome/{new string('9', 300)}").Length <= DeviceLabels.MaxLength);
}
