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

    private readonly DbCommand _pageVisit;
    private readonly DbCommand _tabAggregate;

    public SyncUpserts(DbConnection connection, DbTransaction transaction, string userId, long now)
    {
        _pageVisit = Prepare(connection, transaction, PageVisitSql, PageVisitParameters, userId, now);
        _tabAggregate = Prepare(connection, transaction, TabAggregateSql, TabAggregateParameters, userId, now);
    }

    public enum Outcome { Inserted, Updated, Unchanged }

    public Task<Outcome> UpsertAsync(PageVisitInput v, CancellationToken ct)
    {
        var p = _pageVisit.Parameters;
        Set(p, 1, v.Id); Set(p, 2, v.AnonymousClientId); Set(p, 3, v.TabId); Set(p, 4, v.Url); Set(p, 5, v.Domain);
        Set(p, 6, v.Title ?? string.Empty); Set(p, 7, v.StartedAt); Set(p, 8, v.EndedAt);
        Set(p, 9, v.Duration ?? v.DurationSeconds * 1000); Set(p, 10, v.ActiveDuration); Set(p, 11, v.EngagementRate);
        Set(p, 12, v.LastHeartbeat); Set(p, 13, v.IsActive); Set(p, 14, v.IdlePeriods); Set(p, 15, v.Category);
        Set(p, 16, v.CategoryConfidence); Set(p, 17, v.CategoryMethod); Set(p, 18, v.Metadata); Set(p, 19, v.ClosedAt);
        Set(p, 20, v.OpenedAt); Set(p, 21, v.SourcePageVisitId);
        return ExecuteAsync(_pageVisit, ct);
    }

    public Task<Outcome> UpsertAsync(TabAggregateInput a, CancellationToken ct)
    {
        var p = _tabAggregate.Parameters;
        Set(p, 1, a.AnonymousClientId); Set(p, 2, a.TabId); Set(p, 3, a.StartTime); Set(p, 4, a.LastActiveTime);
        Set(p, 5, a.TotalActiveDuration); Set(p, 6, a.DomainDurations); Set(p, 7, (int?)a.PageCount); Set(p, 8, a.CurrentUrl);
        Set(p, 9, a.CurrentDomain); Set(p, 10, a.Statistics); Set(p, 11, a.ClosedAt); Set(p, 12, a.IsOpen);
        return ExecuteAsync(_tabAggregate, ct);
    }

    public void Dispose()
    {
        _pageVisit.Dispose();
        _tabAggregate.Dispose();
    }

    private static async Task<Outcome> ExecuteAsync(DbCommand command, CancellationToken ct) => await command.ExecuteScalarAsync(ct) switch
    {
        null or DBNull => Outcome.Unchanged,
        var revision when Convert.ToInt64(revision, System.Globalization.CultureInfo.InvariantCulture) == 1 => Outcome.Inserted,
        _ => Outcome.Updated,
    };

    private static void Set(DbParameterCollection parameters, int index, object? value) =>
        parameters[index].Value = value ?? DBNull.Value;

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, (string Name, DbType Type)[] names, string userId, long now)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, type) in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.DbType = type;
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }
        command.Parameters[0].Value = userId;
        command.Parameters[^1].Value = now;
        command.Prepare();
        return command;
    }
}
