using System.ComponentModel.DataAnnotations;

namespace HeyHo.Api.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>How long a connection waits for another process's write lock before the request answers 503.</summary>
    [Range(0, 600_000)]
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>How long a write waits for its turn inside this process before the request answers 503.</summary>
    [Range(100, 600_000)]
    public int WriteQueueTimeoutMs { get; set; } = 30_000;
}
