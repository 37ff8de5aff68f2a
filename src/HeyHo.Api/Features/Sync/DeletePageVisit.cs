namespace HeyHo.Api.Features.Sync;

public static class DeletePageVisit
{
    /// <summary>Deletes one of the caller's visits; anyone else's visit with that id is "not found", not "forbidden".</summary>
    public static async Task<Results<NoContent, ProblemHttpResult, RetryAfterProblem>> Handle(
        string id, ClaimsPrincipal caller, HeyHoDbContext db, WriteGate gate, CancellationToken ct)
    {
        var userId = caller.UserId();
        using var entered = await gate.EnterAsync(ct);
        if (entered is null)
        {
            return StorageUnavailable.Problem("Storage is busy; nothing was deleted. Retry later.");
        }

        var deleted = await db.Set<PageVisit>().Where(v => v.UserId == userId && v.Id == id).ExecuteDeleteAsync(ct);
        return deleted == 0
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No page visit of yours has this id.")
            : TypedResults.NoContent();
    }
}
