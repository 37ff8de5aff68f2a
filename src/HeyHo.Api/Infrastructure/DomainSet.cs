using System.Buffers;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// Domains in <see cref="HostNames"/> form, each standing for itself and its subdomains: "example.com" covers
/// "example.com" and "a.b.example.com", not "notexample.com".
/// </summary>
public sealed class DomainSet
{
    public static readonly DomainSet Empty = new([]);

    private readonly HashSet<string> _domains;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly SearchValues<string>? _quoted;

    public DomainSet(IEnumerable<string> domains)
    {
        _domains = new HashSet<string>(domains, StringComparer.Ordinal);
        _lookup = _domains.GetAlternateLookup<ReadOnlySpan<char>>();
        _quoted = _domains.Count == 0 ? null
            : SearchValues.Create([.. _domains.SelectMany(d => new[] { $"\"{d}\"", $".{d}\"" })], StringComparison.OrdinalIgnoreCase);
    }

    public bool IsEmpty => _domains.Count == 0;

    public IReadOnlyCollection<string> Domains => _domains;

    /// <summary>Whether a host (as sent or stored) is one of the domains or under one.</summary>
    public bool Covers(string? host)
    {
        if (IsEmpty || HostNames.Normalize(host) is not { } name)
        {
            return false;
        }
        for (var start = 0; ; )
        {
            if (_lookup.Contains(name.AsSpan(start)))
            {
                return true;
            }
            var dot = name.IndexOf('.', start);
            if (dot < 0)
            {
                return false;
            }
            start = dot + 1;
        }
    }

    /// <summary>Whether JSON text holds one of the domains, or a subdomain of one, as a whole string (a key or a value).</summary>
    public bool NamedIn(string? json) => _quoted is not null && json is not null && json.AsSpan().ContainsAny(_quoted);
}
