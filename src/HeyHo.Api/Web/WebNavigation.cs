namespace HeyHo.Api.Web;

/// <summary>The signed-in pages the layout's navigation links to, in order. A new signed-in page adds its line here.</summary>
public static class WebNavigation
{
    public sealed record Link(string Title, string Path);

    public static IReadOnlyList<Link> SignedIn { get; } =
    [
        new("Home", WebPaths.Home),
        new("Insights", WebPaths.Insights),
        new("History", WebPaths.History),
        new("Account", WebPaths.Account),
    ];
}
