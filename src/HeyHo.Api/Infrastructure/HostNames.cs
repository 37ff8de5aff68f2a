using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace HeyHo.Api.Infrastructure;

/// <summary>Host names as HeyHo compares them: ASCII (IDN labels as punycode, as browsers send them), lower case, without a trailing dot.</summary>
public static class HostNames
{
    public const int MaxLength = 253;

    private static readonly IdnMapping Strict = new() { UseStd3AsciiRules = true };
    private static readonly IdnMapping Lenient = new();

    /// <summary>
    /// A host name a person typed ("Bücher.Example.", "example.com"), normalised; false for anything that is not one
    /// (a URL, a path, a port, a wildcard, an IPv6 literal, an empty label). IPv4 literals are labels of digits: accepted.
    /// </summary>
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? host)
    {
        host = null;
        var name = text?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength + 1)
        {
            return false;
        }
        if (name.EndsWith('.'))
        {
            name = name[..^1];
        }
        string ascii;
        try
        {
            ascii = Strict.GetAscii(name).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return false;
        }
        if (ascii.Length > MaxLength || !ascii.Split('.').All(IsLabel))
        {
            return false;
        }
        host = ascii;
        return true;
    }

    /// <summary>A host as a client sent it, in the compared form; as sent (lower-cased) when it is not a valid IDN.</summary>
    public static string? Normalize(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }
        var name = host.EndsWith('.') ? host[..^1] : host;
        if (!Ascii.IsValid(name))
        {
            try
            {
                name = Lenient.GetAscii(name);
            }
            catch (ArgumentException)
            {
                // Kept as sent: it can only equal an excluded domain that was typed the same way, which validation refuses.
            }
        }
        return name.ToLowerInvariant();
    }

    /// <summary>The host of an absolute URL in the compared form, or null.</summary>
    public static string? HostOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IdnHost.Length > 0 ? Normalize(uri.IdnHost) : null;

    private static bool IsLabel(string label) =>
        label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-' && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
