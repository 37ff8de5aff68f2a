using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Query;

namespace HeyHo.Api.Features.Sync;

/// <summary>
/// A read-back list endpoint (<see cref="ListPageVisits"/>, <see cref="ListTabAggregates"/>): the caller's rows
/// filtered by a <see cref="ReadQuery"/> (time window, domain, browser installation), newest first by the client's
/// own time, then by the identity keys given with <c>ThenBy</c>, one keyset page at a time. The sort key is declared
/// once and drives the order, the cursor of the last item and the "after the cursor" filter.
/// </summary>
public sealed class RecordList<TRow, TItem>(
    Expression<Func<TRow, string>> owner, Expression<Func<TRow, long>> time, Func<TItem, DateTime> itemTime,
    Expression<Func<TRow, string?>> domain, Expression<Func<TRow, string?>> clientId)
    where TRow : class
{
    private readonly List<(LambdaExpression Row, Func<TItem, string> Item)> _keys = [];

    public RecordList<TRow, TItem> ThenBy(Expression<Func<TRow, string>> key, Func<TItem, string> item)
    {
        _keys.Add((key, item));
        return this;
    }

    public RecordList<TRow, TItem> ThenBy(Expression<Func<TRow, long>> key, Func<TItem, long> item)
    {
        _keys.Add((key, i => item(i).ToString(CultureInfo.InvariantCulture)));
        return this;
    }

    public async Task<Results<Ok<Page<TItem>>, ValidationProblem>> Handle(
        [AsParameters] ReadQuery query, IValidator<ReadQuery> validator, ClaimsPrincipal caller, HeyHoDbContext db,
        TypeAdapterConfig mappings, CancellationToken ct)
    {
        var validation = await validator.ValidateAsync(query, ct);
        return validation.IsValid ? await PageAsync(db.Set<TRow>(), query, caller, mappings, ct) : validation.ToProblem();
    }

    /// <summary>One page of the caller's rows among <paramref name="source"/>, for a query already validated.</summary>
    public async Task<Results<Ok<Page<TItem>>, ValidationProblem>> PageAsync(
        IQueryable<TRow> source, ReadQuery query, ClaimsPrincipal caller, TypeAdapterConfig mappings, CancellationToken ct)
    {
        var rows = Filter(source.AsNoTracking(), owner, ExpressionType.Equal, caller.UserId());
        rows = Filter(rows, time, ExpressionType.GreaterThanOrEqual, query.FromMs);
        rows = Filter(rows, time, ExpressionType.LessThan, query.ToMs);
        rows = Filter(rows, domain, ExpressionType.Equal, query.Domain);
        rows = Filter(rows, clientId, ExpressionType.Equal, query.ClientId);
        if (query.Position is { } position)
        {
            if (After(position) is not { } after)
            {
                return Validation.Problem("cursor", PageCursor.Invalid);
            }
            rows = rows.Where(after);
        }

        var ordered = rows.OrderByDescending(time);
        foreach (var (key, _) in _keys)
        {
            ordered = (IOrderedQueryable<TRow>)ordered.Provider.CreateQuery<TRow>(Expression.Call(
                typeof(Queryable), nameof(Queryable.ThenByDescending), [typeof(TRow), key.ReturnType], ordered.Expression, Expression.Quote(key)));
        }
        var items = await ordered.Take(query.PageSize + 1).ProjectToType<TItem>(mappings).ToListAsync(ct);
        return TypedResults.Ok(Page.FromOverfetch(items, query.PageSize, last => PageCursor.Encode(
            new DateTimeOffset(itemTime(last)).ToUnixTimeMilliseconds(), [.. _keys.Select(k => k.Item(last))])));
    }

    private static IQueryable<TRow> Filter(IQueryable<TRow> rows, Expression<Func<TRow, long>> column, ExpressionType comparison, long? value) =>
        value is { } v ? Filter(rows, column, comparison, Parameter(v)) : rows;

    private static IQueryable<TRow> Filter(IQueryable<TRow> rows, LambdaExpression column, ExpressionType comparison, string? value) =>
        value is not null ? Filter(rows, column, comparison, Parameter(value)) : rows;

    private static IQueryable<TRow> Filter(IQueryable<TRow> rows, LambdaExpression column, ExpressionType comparison, Expression value) =>
        rows.Where(Expression.Lambda<Func<TRow, bool>>(Expression.MakeBinary(comparison, column.Body, value), column.Parameters));

    /// <summary>Rows after the cursor's position in the newest-first order: (time, key1, key2, …) less than the cursor's, key by key.</summary>
    private Expression<Func<TRow, bool>>? After(string[] position)
    {
        if (position.Length != _keys.Count + 1)
        {
            return null;
        }
        var row = time.Parameters[0];
        var keys = new List<(Expression Column, Expression Value)> { (time.Body, Parameter(long.Parse(position[0], CultureInfo.InvariantCulture))) };
        for (var k = 0; k < _keys.Count; k++)
        {
            var column = ReplacingExpressionVisitor.Replace(_keys[k].Row.Parameters[0], row, _keys[k].Row.Body);
            if (column.Type == typeof(string))
            {
                keys.Add((column, Parameter(position[k + 1])));
            }
            else if (long.TryParse(position[k + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                keys.Add((column, Parameter(number)));
            }
            else
            {
                return null;
            }
        }

        Expression? after = null;
        foreach (var (column, value) in Enumerable.Reverse(keys))
        {
            var less = column.Type == typeof(string)
                ? Expression.LessThan(Expression.Call(typeof(string), nameof(string.Compare), null, column, value), Expression.Constant(0))
                : Expression.LessThan(column, value);
            after = after is null ? less : Expression.OrElse(less, Expression.AndAlso(Expression.Equal(column, value), after));
        }
        return Expression.Lambda<Func<TRow, bool>>(after!, row);
    }

    /// <summary>A value the query sends as a parameter (as a captured variable would be), not as a literal in the SQL.</summary>
    private static MemberExpression Parameter<TValue>(TValue value) =>
        Expression.Field(Expression.Constant(new StrongBox<TValue>(value)), nameof(StrongBox<TValue>.Value));
}
