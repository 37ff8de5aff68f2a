using Microsoft.Playwright;

namespace HeyHo.Api.Tests.Web.Browser;

/// <summary>
/// Screenshots for docs/ (README pictures). Written only when HEYHO_SCREENSHOTS=1, so an ordinary test run leaves the
/// committed pictures alone: <c>HEYHO_SCREENSHOTS=1 dotnet test --filter "FullyQualifiedName~Web.Browser"</c>.
/// </summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("HEYHO_SCREENSHOTS") != "1")
        {
            return;
        }
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "HeyHo.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("HeyHo.sln not found above the test assembly.");
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(root.FullName, "docs", name + ".png"), FullPage = true });
    }
}
