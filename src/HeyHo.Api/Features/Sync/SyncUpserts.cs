using System.Data;
using System.Data.Common;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// Runs the upserts of <see cref="PageVisitColumns"/> and <see cref="TabAggregateColumns"/> inside the caller's
/// transaction. Where the provider batches statements (Npgsql), records go to the server <see cref="BatchStatements"/>
/// at a time, each its own prepared statement, with parameters bound by position; otherwise (SQLite, in process) one
/// prepared statement runs per record, its parameters named $1, $2, … since Microsoft.Data.Sqlite binds only by name.
/// </summary>
internal sealed class SyncUpserts : IDisposable
{
    /// <summary>Statements per round trip where the provider batches: enough to hide the latency, few enough to keep buffers small.</summary>
    private const int BatchStatements = 100;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _userId;
    private readonly long _now;
    private readonly bool _batched;
    private readonly Dictionary<object, DbCommand> _prepared = [];

    public SyncUpserts(DbConnection connection, DbTransaction transaction, string userId, long now) =>
        (_connection, _transaction, _userId, _now, _batched) = (connection, transaction, userId, now, connection.CanCreateBatch);

    public enum Outcome { Inserted, Updated, Unchanged }

    /// <summary>Upserts the records in the order given; the outcomes come back in the same order.</summary>
    public Task<Outcome[]> UpsertAsync(IReadOnlyList<PageVisitInput> visits, CancellationToken ct) => UpsertAsync(PageVisitColumns.Table, visits, ct);

    public Task<Outcome[]> UpsertAsync(IReadOnlyList<TabAggregateInput> aggregates, CancellationToken ct) => UpsertAsync(TabAggregateColumns.Table, aggregates, ct);

    public void Dispose()
    {
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }
    }

    private Task<Outcome[]> UpsertAsync<T>(UpsertTable<T> table, IReadOnlyList<T> records, CancellationToken ct) =>
        records.Count == 0 ? Task.FromResult(Array.Empty<Outcome>())
        : _batched ? InBatchesAsync(table, records, ct)
        : OneByOneAsync(table, records, ct);

    private async Task<Outcome[]> OneByOneAsync<T>(UpsertTable<T> table, IReadOnlyList<T> records, CancellationToken ct)
    {
        if (!_prepared.TryGetValue(table, out var command))
        {
            command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = table.Sql;
            AddParameters(command.Parameters, command.CreateParameter, table.ParameterTypes);
            command.Prepare();
            _prepared[table] = command;
        }

        var values = new object?[table.ParameterTypes.Length];
        var outcomes = new Outcome[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            table.WriteValues(records[i], _userId, _now, values);
            SetValues(command.Parameters, values);
            outcomes[i] = ToOutcome(await command.ExecuteScalarAsync(ct));
        }
        return outcomes;
    }

    private async Task<Outcome[]> InBatchesAsync<T>(UpsertTable<T> table, IReadOnlyList<T> records, CancellationToken ct)
    {
        var values = new object?[table.ParameterTypes.Length];
        var outcomes = new Outcome[records.Count];
        for (var start = 0; start < records.Count; start += BatchStatements)
        {
            var end = Math.Min(start + BatchStatements, records.Count);
            await using var batch = _connection.CreateBatch();
            batch.Transaction = _transaction;
            for (var i = start; i < end; i++)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = table.Sql;
                AddParameters(command.Parameters, command.CreateParameter, table.ParameterTypes);
                table.WriteValues(records[i], _userId, _now, values);
                SetValues(command.Parameters, values);
                batch.BatchCommands.Add(command);
            }
            // Prepared statements outlive the pooled connection's checkout: after the first batch on a physical
            // connection, preparing is a lookup, and the server plans the upsert once instead of once per record.
            await batch.PrepareAsync(ct);
            await using var reader = await batch.ExecuteReaderAsync(ct);
            for (var i = start; i < end; i++)
            {
                outcomes[i] = ToOutcome(await reader.ReadAsync(ct) ? reader.GetValue(0) : null);
                await reader.NextResultAsync(ct);
            }
        }
        return outcomes;
    }

    private static Outcome ToOutcome(object? revision) => revision switch
    {
        null or DBNull => Outcome.Unchanged,
        _ when Convert.ToInt64(revision, System.Globalization.CultureInfo.InvariantCulture) == 1 => Outcome.Inserted,
        _ => Outcome.Updated,
    };

    /// <summary>Typed parameters: PostgreSQL prepares the statement once with these types (a NULL would otherwise leave its type to inference).</summary>
    private void AddParameters(DbParameterCollection target, Func<DbParameter> create, DbType[] types)
    {
        for (var p = 0; p < types.Length; p++)
        {
            var parameter = create();
            if (!_batched)
            {
                parameter.ParameterName = $"${p + 1}";
            }
            parameter.DbType = types[p];
            target.Add(parameter);
        }
    }

    private static void SetValues(DbParameterCollection parameters, object?[] values)
    {
        for (var p = 0; p < values.Length; p++)
        {
            parameters[p].Value = values[p] ?? DBNull.Value;
        }
    }
}
