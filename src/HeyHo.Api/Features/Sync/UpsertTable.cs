using System.Data;
using System.Text;

namespace HeyHo.Api.Features.Sync;

/// <summary>How a re-sent copy of a record merges into the stored row, column by column.</summary>
internal enum Merge
{
    /// <summary>Identifies the row (the conflict target); never updated.</summary>
    Key,

    /// <summary>Written when the row is inserted, never updated.</summary>
    First,

    /// <summary>The copy's value replaces the stored one.</summary>
    Latest,

    /// <summary>The copy's value, unless it has none (then the stored one stays).</summary>
    Known,

    /// <summary>As <see cref="Known"/>; a value where the stored row has none makes the copy more complete.</summary>
    Completes,

    /// <summary>The larger value; a larger value makes the copy more complete.</summary>
    Grows,

    /// <summary>As <see cref="Latest"/>; only a later value makes the copy newer, and then it replaces the row.</summary>
    Advances,
}

/// <summary>One column an upsert writes: its type, where its value comes from, and how it merges.</summary>
internal sealed record UpsertColumn<TRecord>(string Name, DbType Type, Func<TRecord, object?> Value, Merge Merge = Merge.Known);

/// <summary>
/// One record kind's upsert, derived from its column table: the INSERT … ON CONFLICT … DO UPDATE … WHERE … RETURNING
/// statement that SQLite and PostgreSQL share (identifiers quoted, no engine-specific functions), its parameter
/// types and each record's values, all in one order. Every table also holds the owner ("UserId", the first key) and
/// the bookkeeping columns "ReceivedAt", "UpdatedAt" and "Revision": the statement returns the row's revision when it
/// inserted (1) or updated (&gt;1) it, and nothing when the stored row already was at least as complete.
/// </summary>
internal sealed class UpsertTable<TRecord>
{
    public UpsertTable(string table, IReadOnlyList<UpsertColumn<TRecord>> columns)
    {
        Columns = columns;
        ParameterTypes = [DbType.String, .. columns.Select(c => c.Type), DbType.Int64];
        var now = $"${columns.Count + 2}";
        Sql = $"""
            INSERT INTO "{table}" ("UserId", {string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}, "ReceivedAt", "UpdatedAt", "Revision")
            VALUES ($1, {string.Join(", ", columns.Select((_, i) => $"${i + 2}"))}, {now}, {now}, 1)
            ON CONFLICT ("UserId", {string.Join(", ", columns.Where(c => c.Merge == Merge.Key).Select(c => $"\"{c.Name}\""))}) DO UPDATE SET
                {string.Join(",\n    ", columns.Select(c => Set(table, c)).OfType<string>())},
                "UpdatedAt" = excluded."UpdatedAt",
                "Revision" = "{table}"."Revision" + 1
            WHERE {string.Join("\n    OR ", columns.Select(c => Newer(table, c)).OfType<string>())}
            RETURNING "Revision"
            """;
    }

    public IReadOnlyList<UpsertColumn<TRecord>> Columns { get; }

    /// <summary>The statement; its parameters are $1 (the owner), $2… (the columns, in table order) and the last ("now").</summary>
    public string Sql { get; }

    public DbType[] ParameterTypes { get; }

    /// <summary>A record's parameter values, in the order of <see cref="ParameterTypes"/>.</summary>
    public void WriteValues(TRecord record, string userId, long now, object?[] values)
    {
        values[0] = userId;
        for (var c = 0; c < Columns.Count; c++)
        {
            values[c + 1] = Columns[c].Value(record);
        }
        values[^1] = now;
    }

    private static string? Set(string table, UpsertColumn<TRecord> column)
    {
        var (copy, stored) = ($"excluded.\"{column.Name}\"", $"\"{table}\".\"{column.Name}\"");
        return column.Merge switch
        {
            Merge.Key or Merge.First => null,
            Merge.Latest or Merge.Advances => $"\"{column.Name}\" = {copy}",
            Merge.Known or Merge.Completes => $"\"{column.Name}\" = COALESCE({copy}, {stored})",
            Merge.Grows => $"\"{column.Name}\" = CASE WHEN {stored} IS NULL OR {copy} > {stored} THEN COALESCE({copy}, {stored}) ELSE {stored} END",
            _ => throw new ArgumentOutOfRangeException(nameof(column)),
        };
    }

    private static string? Newer(string table, UpsertColumn<TRecord> column)
    {
        var (copy, stored) = ($"excluded.\"{column.Name}\"", $"\"{table}\".\"{column.Name}\"");
        return column.Merge switch
        {
            Merge.Completes => $"({copy} IS NOT NULL AND {stored} IS NULL)",
            Merge.Grows => $"({copy} IS NOT NULL AND ({stored} IS NULL OR {copy} > {stored}))",
            Merge.Advances => $"{copy} > {stored}",
            _ => null,
        };
    }
}
