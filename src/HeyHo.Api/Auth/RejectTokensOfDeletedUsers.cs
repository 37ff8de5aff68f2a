using HeyHo.Api.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace HeyHo.Api.Auth;

/// <summary>
/// Access tokens are checked locally (signature and lifetime, no token-table lookup); this adds one primary-key
/// lookup so that a still-valid token of a deleted user opens nothing.
/// </summary>
internal sealed class RejectTokensOfDeletedUsers(HeyHoDbContext db) : IOpenIddictValidationHandler<ProcessAuthenticationContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseScopedHandler<RejectTokensOfDeletedUsers>()
            .SetOrder(OpenIddictValidationHandlers.ValidateAccessToken.Descriptor.Order + 1_000)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.AccessTokenPrincipal?.FindFirst(Claims.Subject)?.Value is not { } userId)
        {
            return;
        }

        if (!await db.Users.AnyAsync(u => u.Id == userId, context.CancellationToken))
        {
            context.Reject(Errors.InvalidToken, "The user of this token no longer exists.");
        }
    }
}
