using System.Globalization;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// JSON.stringify writes a lone UTF-16 surrogate (a title cut inside an emoji) as an escape such as \ud800: valid
/// JSON, but no Unicode text, and the JSON reader throws when it unescapes one. Before anything reads a body, each
/// such escape is rewritten in place to an escape of U+FFFD of the same length, spelled <see cref="Marker"/> so that
/// the readers can tell which strings were repaired.
/// </summary>
internal static class LoneSurrogates
{
    public static ReadOnlySpan<byte> Marker => "\\uFfFd"u8;

    /// <summary>Returns whether anything was repaired.</summary>
    public static bool Repair(Span<byte> body)
    {
        var repaired = false;
        for (var i = body.IndexOf((byte)'\\'); i >= 0 && i + 1 < body.Length;)
        {
            var step = 2;
            if (CodeUnit(body[i..]) is { } unit)
            {
                step = 6;
                if (char.IsHighSurrogate(unit) && CodeUnit(body[(i + 6)..]) is { } next && char.IsLowSurrogate(next))
                {
                    step = 12;
                }
                else if (char.IsSurrogate(unit))
                {
                    Marker.CopyTo(body[i..]);
                    repaired = true;
                }
            }
            i += step;
            var further = i < body.Length ? body[i..].IndexOf((byte)'\\') : -1;
            i = further < 0 ? -1 : i + further;
        }
        return repaired;
    }

    /// <summary>The UTF-16 code unit of a \uXXXX escape at the start of the span, if there is one.</summary>
    private static char? CodeUnit(ReadOnlySpan<byte> escape) =>
        escape.Length >= 6 && escape[0] == (byte)'\\' && escape[1] == (byte)'u'
        && int.TryParse(escape.Slice(2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit)
            ? (char)unit
            : null;
}
