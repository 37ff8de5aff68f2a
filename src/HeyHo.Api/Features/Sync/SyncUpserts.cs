using System.Data;
using System.Data.Common;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// One prepared upsert per record kind, written in the INSERT … ON CONFLICT … DO UPDATE … WHERE … RETURNING form that
/// SQLite and PostgreSQL share (identifiers quoted, no engine-specific functions). The merge rules live here, once:
/// the statement returns the row's revision when it inserted (1) or updated (&gt;1) it, and nothing when the stored
/// row already was at least as complete.
/// </summary>
internal sealed class SyncUpserts : IDisposable
{
    private const string PageVisitSql = """
        INSERT INTO "PageVisits" ("UserId", "Id", "AnonymousClientId", "TabId", "Url", "Domain", "Title", "StartedAt",
            "EndedAt", "Duration", "ActiveDuration", "EngagementRate", "LastHeartbeat", "IsActive", "IdlePeriods",
            "Category", "CategoryConfidence", "CategoryMethod", "Metadata", "ClosedAt", "OpenedAt", "SourcePageVisitId",
            "ReceivedAt", "UpdatedAt", "Revision")
        VALUES (@UserId, @Id, @AnonymousClientId, @TabId, @Url, @Domain, @Title, @StartedAt,
            @EndedAt, @Duration, @ActiveDuration, @EngagementRate, @LastHeartbeat, @IsActive, @IdlePeriods,
            @Category, @CategoryConfidence, @CategoryMethod, @Metadata, @ClosedAt, @OpenedAt, @SourcePageVisitId,
            @Now, @Now, 1)
        ON CONFLICT ("UserId", "Id") DO UPDATE SET
            "AnonymousClientId" = COALESCE(excluded."AnonymousClientId", "PageVisits"."AnonymousClientId"),
            "TabId" = COALESCE(excluded."TabId", "PageVisits"."TabId"),
            "Url" = excluded."Url",
            "Domain" = excluded."Domain",
            "Title" = excluded."Title",
            "EndedAt" = COALESCE(excluded."EndedAt", "PageVisits"."EndedAt"),
            "Duration" = CASE WHEN "PageVisits"."Duration" IS NULL OR excluded."Duration" > "PageVisits"."Duration"
                THEN COALESCE(excluded."Duration", "PageVisits"."Duration") ELSE "PageVisits"."Duration" END,
            "ActiveDuration" = CASE WHEN "PageVisits"."ActiveDuration" IS NULL OR excluded."ActiveDuration" > "PageVisits"."ActiveDuration"
                THEN COALESCE(excluded."ActiveDuration", "PageVisits"."ActiveDuration") ELSE "PageVisits"."ActiveDuration" END,
            "LastHeartbeat" = CASE WHEN "PageVisits"."LastHeartbeat" IS NULL OR excluded."LastHeartbeat" > "PageVisits"."LastHeartbeat"
                THEN COALESCE(excluded."LastHeartbeat", "PageVisits"."LastHeartbeat") ELSE "PageVisits"."LastHeartbeat" END,
            "EngagementRate" = COALESCE(excluded."EngagementRate", "PageVisits"."EngagementRate"),
            "IsActive" = COALESCE(excluded."IsActive", "PageVisits"."IsActive"),
            "IdlePeriods" = COALESCE(excluded."IdlePeriods", "PageVisits"."IdlePeriods"),
            "Category" = COALESCE(excluded."Category", "PageVisits"."Category"),
            "CategoryConfidence" = COALESCE(excluded."CategoryConfidence", "PageVisits"."CategoryConfidence"),
            "CategoryMethod" = COALESCE(excluded."CategoryMethod", "PageVisits"."CategoryMethod"),
            "Metadata" = COALESCE(excluded."Metadata", "PageVisits"."Metadata"),
            "ClosedAt" = COALESCE(excluded."ClosedAt", "PageVisits"."ClosedAt"),
            "OpenedAt" = COALESCE(excluded."OpenedAt", "PageVisits"."OpenedAt"),
            "SourcePageVisitId" = COALESCE(excluded."SourcePageVisitId", "PageVisits"."SourcePageVisitId"),
            "UpdatedAt" = excluded."UpdatedAt",
            "Revision" = "PageVisits"."Revision" + 1
        WHERE (excluded."EndedAt" IS NOT NULL AND "PageVisits"."EndedAt" IS NULL)
            OR (excluded."Duration" IS NOT NULL AND ("PageVisits"."Duration" IS NULL OR excluded."Duration" > "PageVisits"."Duration"))
            OR (excluded."ActiveDuration" IS NOT NULL AND ("PageVisits"."ActiveDuration" IS NULL OR excluded."ActiveDuration" > "PageVisits"."ActiveDuration"))
            OR (excluded."LastHeartbeat" IS NOT NULL AND ("PageVisits"."LastHeartbeat" IS NULL OR excluded."LastHeartbeat" > "PageVisits"."LastHeartbeat"))
        RETURNING "Revision"
        """;

    private const string TabAggregateSql = """
        INSERT INTO "TabAggregates" ("UserId", "AnonymousClientId", "TabId", "StartTime", "LastActiveTime",
            "TotalActiveDuration", "DomainDurations", "PageCount", "CurrentUrl", "CurrentDomain", "Statistics",
            "ClosedAt", "IsOpen", "ReceivedAt", "UpdatedAt", "Revision")
        VALUES (@UserId, @AnonymousClientId, @TabId, @StartTime, @LastActiveTime,
            @TotalActiveDuration, @DomainDurations, @PageCount, @CurrentUrl, @CurrentDomain, @Statistics,
            @ClosedAt, @IsOpen, @Now, @Now, 1)
        ON CONFLICT ("UserId", "AnonymousClientId", "TabId", "StartTime") DO UPDATE SET
            "LastActiveTime" = excluded."LastActiveTime",
            "TotalActiveDuration" = excluded."TotalActiveDuration",
            "DomainDurations" = excluded."DomainDurations",
            "PageCount" = excluded."PageCount",
            "CurrentUrl" = excluded."CurrentUrl",
            "CurrentDomain" = excluded."CurrentDomain",
            "Statistics" = excluded."Statistics",
            "ClosedAt" = excluded."ClosedAt",
            "IsOpen" = excluded."IsOpen",
            "UpdatedAt" = excluded."UpdatedAt",
            "Revision" = "TabAggregates"."Revision" + 1
        WHERE excluded."LastActiveTime" > "TabAggregates"."LastActiveTime"
        RETURNING "Revision"
        """;

    // Typed parameters: PostgreSQL prepares the statement once with these types (a NULL would otherwise leave a
    // parameter's type to inference); SQLite ignores them.
    private static readonly (string Name, DbType Type)[] PageVisitParameters =
    [
        ("UserId", DbType.String), ("Id", DbType.String), ("AnonymousClientId", DbType.String), ("TabId", DbType.Int64),
        ("Url", DbType.String), ("Domain", DbType.String), ("Title", DbType.String), ("StartedAt", DbType.Int64),
        ("EndedAt", DbType.Int64), ("Duration", DbType.Int64), ("ActiveDuration", DbType.Int64),
        ("EngagementRate", DbType.Double), ("LastHeartbeat", DbType.Int64), ("IsActive", DbType.Boolean),
        ("IdlePeriods", DbType.String), ("Category", DbType.String), ("CategoryConfidence", DbType.Double),
        ("CategoryMethod", DbType.String), ("Metadata", DbType.String), ("ClosedAt", DbType.Int64),
        ("OpenedAt", DbType.Int64), ("SourcePageVisitId", DbType.String), ("Now", DbType.Int64),
    ];

    private static readonly (string Name, DbType Type)[] TabAggregateParameters =
    [
        ("UserId", DbType.String), ("AnonymousClientId", DbType.String), ("TabId", DbType.Int64), ("StartTime", DbType.Int64),
        ("LastActiveTime", DbType.Int64), ("TotalActiveDuration", DbType.Int64), ("DomainDurations", DbType.String),
        ("PageCount", DbType.Int32), ("CurrentUrl", DbType.String), ("CurrentDomain", DbType.String),
        ("Statistics", DbType.String), ("ClosedAt", DbType.Int64), ("IsOpen", DbType.Boolean), ("Now", DbType.Int64),
    ];

    /// <summary>Statements per round trip where the provider batches: enough to hide the latency, few enough to keep buffers small.</summary>
    private const int BatchStatements = 100;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _userId;
    private readonly long _now;
    private readonly DbCommand? _pageVisit;
    private readonly DbCommand? _tabAggregate;

    /// <summary>
    /// Where the provider batches statements (Npgsql), records go to the server <see cref="BatchStatements"/> at a
    /// time, each its own prepared statement; otherwise (SQLite, in process) one prepared statement runs per record.
    /// </summary>
    public SyncUpserts(DbConnection connection, DbTransaction transaction, string userId, long now)
    {
        (_connection, _transaction, _userId, _now) = (connection, transaction, userId, now);
        if (!connection.CanCreateBatch)
        {
            _pageVisit = Prepare(PageVisitSql, PageVisitParameters);
            _tabAggregate = Prepare(TabAggregateSql, TabAggregateParameters);
        }
    }

    public enum Outcome { Inserted, Updated, Unchanged }

    /// <summary>Upserts the records in the order given; the outcomes come back in the same order.</summary>
    public Task<Outcome[]> UpsertAsync(IReadOnlyList<PageVisitInput> visits, CancellationToken ct) =>
        ExecuteAsync(_pageVisit, PageVisitSql, PageVisitParameters, visits.Select(Values).ToList(), ct);

    public Task<Outcome[]> UpsertAsync(IReadOnlyList<TabAggregateInput> aggregates, CancellationToken ct) =>
        ExecuteAsync(_tabAggregate, TabAggregateSql, TabAggregateParameters, aggregates.Select(Values).ToList(), ct);

    public void Dispose()
    {
        _pageVisit?.Dispose();
        _tabAggregate?.Dispose();
    }

    /// <summary>A record's parameter values, in the order of <see cref="PageVisitParameters"/>.</summary>
    private object?[] Values(PageVisitInput v) =>
    [
        _userId, v.Id, v.AnonymousClientId, v.TabId, v.Url, v.Domain, v.Title ?? string.Empty, v.StartedAt, v.EndedAt,
        v.Duration ?? v.DurationSeconds * 1000, v.ActiveDuration, v.EngagementRate, v.LastHeartbeat, v.IsActive, v.IdlePeriods,
        v.Category, v.CategoryConfidence, v.CategoryMethod, v.Metadata, v.ClosedAt, v.OpenedAt, v.SourcePageVisitId, _now,
    ];

    /// <summary>A record's parameter values, in the order of <see cref="TabAggregateParameters"/>.</summary>
    private object?[] Values(TabAggregateInput a) =>
    [
        _userId, a.AnonymousClientId, a.TabId, a.StartTime, a.LastActiveTime, a.TotalActiveDuration, a.DomainDurations,
        (int?)a.PageCount, a.CurrentUrl, a.CurrentDomain, a.Statistics, a.ClosedAt, a.IsOpen, _now,
    ];

    private Task<Outcome[]> ExecuteAsync(
        DbCommand? prepared, string sql, (string Name, DbType Type)[] parameters, List<object?[]> rows, CancellationToken ct) =>
        prepared is not null ? ExecuteOneByOneAsync(prepared, rows, ct) : ExecuteInBatchesAsync(sql, parameters, rows, ct);

    private static async Task<Outcome[]> ExecuteOneByOneAsync(DbCommand prepared, List<object?[]> rows, CancellationToken ct)
    {
        var outcomes = new Outcome[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var p = 0; p < rows[i].Length; p++)
            {
                prepared.Parameters[p].Value = rows[i][p] ?? DBNull.Value;
            }
            outcomes[i] = ToOutcome(await prepared.ExecuteScalarAsync(ct));
        }
        return outcomes;
    }

    private async Task<Outcome[]> ExecuteInBatchesAsync(string sql, (string Name, DbType Type)[] parameters, List<object?[]> rows, CancellationToken ct)
    {
        var outcomes = new Outcome[rows.Count];
        for (var start = 0; start < rows.Count; start += BatchStatements)
        {
            var end = Math.Min(start + BatchStatements, rows.Count);
            await using var batch = _connection.CreateBatch();
            batch.Transaction = _transaction;
            for (var i = start; i < end; i++)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                AddParameters(command.Parameters, command.CreateParameter, parameters, rows[i]);
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

    private DbCommand Prepare(string sql, (string Name, DbType Type)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        AddParameters(command.Parameters, command.CreateParameter, parameters, new object?[parameters.Length]);
        command.Prepare();
        return command;
    }

    private static void AddParameters(
        DbParameterCollection target, Func<DbParameter> create, (string Name, DbType Type)[] parameters, object?[] values)
    {
        for (var p = 0; p < parameters.Length; p++)
        {
            var parameter = create();
            parameter.ParameterName = "@" + parameters[p].Name;
            parameter.DbType = parameters[p].Type;
            parameter.Value = values[p] ?? DBNull.Value;
            target.Add(parameter);
        }
    }
}
