using HeyHo.Api.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace HeyHo.Api.Auth;

/// <summary>
/// Every login is a session (an OpenIddict authorization) and every access token names it. One indexed lookup per
/// request refuses a token whose session was ended (logout, password change) or whose user was deleted (their
/// authorizations go with them) – at once, not when the token expires.
/// </summary>
internal sealed class RejectEndedSessions(HeyHoDbContext db) : IOpenIddictValidationHandler<ProcessAuthenticationContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseScopedHandler<RejectEndedSessions>()
            .SetOrder(OpenIddictValidationHandlers.ValidateAccessToken.Descriptor.Order + 1_000)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.AccessTokenPrincipal is not { } principal)
        {
            return;
        }

        if (!await Sessions.IsLiveAsync(db, principal.GetAuthorizationId(), principal.GetClaim(Claims.Subject), context.CancellationToken))
        {
            context.Reject(Errors.InvalidToken, "The session of this token has ended.");
        }
    }
}
