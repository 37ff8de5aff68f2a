using System.Text.RegularExpressions;

namespace HeyHo.Api.Infrastructure.Security;

/// <summary>
/// A short label for a User-Agent ("Chrome 131 on Windows", "curl", "Unknown device"): enough for a person to tell
/// their devices apart, not a fingerprint. Browsers are recognised in the order their tokens overlap (Edge and Opera
/// say Chrome, Chrome says Safari); anything else is named by its first product token.
/// </summary>
public static partial class DeviceLabels
{
    public const string Unknown = "Unknown device";

    private static readonly (string Name, Regex Pattern)[] Browsers =
    [
        ("Edge", EdgePattern()),
        ("Opera", OperaPattern()),
        ("Firefox", FirefoxPattern()),
        ("Chrome", ChromePattern()),
        ("Safari", SafariPattern()),
    ];

    private static readonly (string Name, string Token)[] Systems =
    [
        ("Android", "Android"),
        ("iOS", "iPhone"),
        ("iPadOS", "iPad"),
        ("Windows", "Windows"),
        ("ChromeOS", "CrOS"),
        ("macOS", "Mac OS X"),
        ("macOS", "Macintosh"),
        ("Linux", "Linux"),
    ];

    public const int MaxLength = 64;

    public static string Of(string? userAgent)
    {
        var label = Label(userAgent);
        return label.Length > MaxLength ? label[..MaxLength] : label;
    }

    private static string Label(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return Unknown;
        }

        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        foreach (var (name, pattern) in Browsers)
        {
            if (pattern.Match(userAgent) is { Success: true } match)
            {
                var label = $"{name} {match.Groups[1].Value}";
                return system is null ? label : $"{label} on {system}";
            }
        }

        var product = ProductPattern().Match(userAgent);
        if (!product.Success)
        {
            return Unknown;
        }
        var tool = product.Groups[1].Value;
        return tool == "Mozilla" ? system ?? Unknown : tool.Length > 40 ? tool[..40] : tool;
    }

    [GeneratedRegex(@"Edg(?:e|A|iOS)?/(\d+)")]
    private static partial Regex EdgePattern();

    [GeneratedRegex(@"(?:OPR|Opera)/(\d+)")]
    private static partial Regex OperaPattern();

    [GeneratedRegex(@"(?:Firefox|FxiOS)/(\d+)")]
    private static partial Regex FirefoxPattern();

    [GeneratedRegex(@"(?:Chrome|CriOS)/(\d+)")]
    private static partial Regex ChromePattern();

    [GeneratedRegex(@"Version/(\d+)[.\d]* (?:Mobile/\S+ )?Safari/")]
    private static partial Regex SafariPattern();

    [GeneratedRegex(@"^\s*([A-Za-z][A-Za-z0-9._-]*)")]
    private static partial Regex ProductPattern();
}
