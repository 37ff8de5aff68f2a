using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Diagnostics;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Auth;

/// <summary>
/// A form OpenIddict cannot read (for example, one that encodes a NUL) throws while it parses the request. The token
/// and revocation endpoints answer that in the OAuth error format (RFC 6749 §5.2), which their clients expect.
/// </summary>
internal sealed class UnreadableOAuthFormHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not InvalidDataException
            || http.GetOpenIddictServerEndpointType() is not (OpenIddictServerEndpointType.Token or OpenIddictServerEndpointType.Revocation))
        {
            return false;
        }

        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        await http.Response.WriteAsJsonAsync(new Dictionary<string, string>
        {
            [Parameters.Error] = Errors.InvalidRequest,
            [Parameters.ErrorDescription] = "The request body is not a valid form (for example, it encodes a NUL character).",
        }, cancellationToken);
        return true;
    }
}
