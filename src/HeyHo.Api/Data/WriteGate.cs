using HeyHo.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Data;

/// <summary>
/// SQLite allows one writer at a time. Writers queue here, inside the process, instead of racing for the file lock
/// and surfacing "database is locked"; the busy timeout then only has to cover other processes. PostgreSQL takes
/// concurrent writers (row locks), so there the gate lets everyone through at once.
/// </summary>
public sealed class WriteGate(IOptions<DatabaseOptions> options) : ConcurrencyGate(
    options.Value.Provider == DatabaseProvider.Sqlite ? 1 : null, TimeSpan.FromMilliseconds(options.Value.WriteQueueTimeoutMs));
