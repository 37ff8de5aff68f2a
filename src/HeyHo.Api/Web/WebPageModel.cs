using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HeyHo.Api.Web;

/// <summary>
/// What the form pages share: field errors keyed by the API's JSON field names (so the API's validators and messages
/// serve the pages unchanged), a page-level message, and answers that keep the status code honest (400 for a refused
/// form, 429 with Retry-After when a limit is reached).
/// </summary>
public abstract class WebPageModel : PageModel
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A message about the whole form (shown above it, announced to screen readers).</summary>
    public string? Alert { get; protected set; }

    /// <summary>A notice after a redirect (see <see cref="Notices"/>), announced politely.</summary>
    public string? StatusMessage { get; protected set; }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    protected PageResult Refuse(IDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
        {
            Errors[field] = messages;
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    protected PageResult Refuse(string field, string message) => Refuse(new Dictionary<string, string[]> { [field] = [message] });

    protected PageResult RefuseAll(string message)
    {
        Alert = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    protected PageResult TooMany(TimeSpan retryAfter)
    {
        Alert = TooManyRequests.Message(retryAfter);
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = TooManyRequests.Seconds(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    /// <summary>No hashing slot was free (the password hash gate): the same 429 as the API's, on the page.</summary>
    protected PageResult Busy() => TooMany(TimeSpan.FromSeconds(1));

    /// <summary>A page path with its query, e.g. <c>Link("/sign-in", ("email", e))</c>; empty values are left out.</summary>
    protected static string Link(string path, params (string Name, string? Value)[] query) =>
        path + QueryString.Create(query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => KeyValuePair.Create(q.Name, q.Value)));
}
