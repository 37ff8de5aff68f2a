using HeyHo.Api.Auth;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Web.Pages;

/// <summary>
/// The consent page of a third-party client's authorization request (its parameters are this page's query): the user
/// allows or denies, and the browser goes back to the authorization endpoint with the answer (see
/// <see cref="AuthorizationEndpoint"/>). The endpoint checks the request again; this page only names the client.
/// </summary>
public sealed class ConsentModel(IOpenIddictApplicationManager applications, ConsentTickets tickets) : WebPageModel
{
    public const string Allowed = "allow";

    public string Application { get; private set; } = "";

    public string Account { get; private set; } = "";

    /// <summary>After the answer: the authorization endpoint, with it.</summary>
    public string? ContinueTo { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(answer: null, ct);

    /// <summary>The answer: <see cref="Allowed"/> or <see cref="AuthorizationEndpoint.Denied"/> (the form posts to this page's own address, query included).</summary>
    public Task<IActionResult> OnPostAsync([FromForm] string? answer, CancellationToken ct)
    {
        if (answer is Allowed or AuthorizationEndpoint.Denied)
        {
            return ShowAsync(answer, ct);
        }
        Alert = "Choose Allow or Deny.";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return ShowAsync(answer: null, ct);
    }

    private async Task<IActionResult> ShowAsync(string? answer, CancellationToken ct)
    {
        var clientId = Request.Query[Parameters.ClientId].ToString();
        var client = clientId.Length == 0 ? null : await applications.FindByClientIdAsync(clientId, ct);
        if (client is null || !await applications.HasConsentTypeAsync(client, ConsentTypes.Explicit, ct))
        {
            return RefuseAll("This page answers an application's request to use your account: open it from the application.");
        }
        Application = await applications.GetDisplayNameAsync(client, ct) ?? clientId;
        Account = User.GetClaim(Claims.Email) ?? "";
        if (answer is not null)
        {
            // A GET of the endpoint (not a redirect after this form's post): see ConsentTickets.
            var request = ConsentTickets.Request(Request.Query[Parameters.RedirectUri], Request.Query[Parameters.Scope], Request.Query[Parameters.CodeChallenge]);
            var value = answer == AuthorizationEndpoint.Denied ? answer : tickets.Issue(User.GetClaim(Claims.Subject)!, clientId, request);
            ContinueTo = Request.PathBase + AuthPaths.Authorization + QueryString.Create(
                Request.Query.Where(p => p.Key != AuthorizationEndpoint.ConsentParameter)
                    .Append(KeyValuePair.Create(AuthorizationEndpoint.ConsentParameter, new Microsoft.Extensions.Primitives.StringValues(value))));
        }
        return Page();
    }
}
