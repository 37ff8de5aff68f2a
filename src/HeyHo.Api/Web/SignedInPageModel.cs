using HeyHo.Api.Auth;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HeyHo.Api.Web;

/// <summary>
/// The signed-in pages call the API's handlers in process with the browser's principal (it names the user and the
/// session as an access token does) and show a handler's refusal as the page's own: the same messages, the same status.
/// </summary>
public abstract class SignedInPageModel : WebPageModel
{
    /// <summary>The IANA zone the user's times are shown in (the profile's, else UTC).</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    protected async Task LoadZoneAsync(HeyHoDbContext db, CancellationToken ct)
    {
        var userId = User.UserId();
        Zone = IanaTimeZones.OrUtc(await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.TimeZone).SingleOrDefaultAsync(ct));
    }

    public string Local(DateTime utc) => LocalTimes.Show(utc, Zone);

    public string Local(DateTimeOffset at) => LocalTimes.Show(at.UtcDateTime, Zone);

    /// <summary>A handler's answer other than success: field errors, a problem's title with its status, or (the user is gone) the sign-in page.</summary>
    protected async Task<IActionResult> RefusedAsync(IResult result)
    {
        switch (result)
        {
            case ValidationProblem validation:
                return Refuse(validation.ProblemDetails.Errors);
            case UnauthorizedHttpResult:
                await HttpContext.SignOutAsync(WebSessionCookie.Scheme);
                return LocalRedirect(WebPaths.SignIn);
            case RetryAfterProblem busy:
                Response.Headers.RetryAfter = busy.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return WithStatus(Page(), busy.StatusCode ?? StatusCodes.Status503ServiceUnavailable, "Storage is busy. Please retry in a moment.");
            case ProblemHttpResult problem:
                return WithStatus(Page(), problem.StatusCode, problem.ProblemDetails.Title ?? "That did not work.");
            default:
                throw new InvalidOperationException($"Unexpected handler result {result.GetType().Name}.");
        }
    }

    private PageResult WithStatus(PageResult page, int status, string message)
    {
        Alert = message;
        Response.StatusCode = status;
        return page;
    }
}
