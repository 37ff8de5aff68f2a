using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlerFilters;

namespace HeyHo.Api.Auth;

/// <summary>
/// Rolling refresh tokens are a global OpenIddict setting; the extension's client must not have them (it re-sends its
/// first refresh token forever, so a rotated token would turn its second refresh into a replay that ends the session).
/// This takes the place of OpenIddict's <c>RedeemTokenEntry</c>: every other grant is redeemed by it as before.
/// </summary>
internal sealed class RedeemTokenEntryUnlessExtensionRefresh(IOpenIddictTokenManager tokens) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .AddFilter<RequireDegradedModeDisabled>()
            .AddFilter<RequireTokenStorageEnabled>()
            .UseScopedHandler<RedeemTokenEntryUnlessExtensionRefresh>()
            .SetOrder(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor.Order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context) =>
        context.EndpointType == OpenIddictServerEndpointType.Token && ExtensionClient.IsRefreshOfThisClient(context.Request)
            ? ValueTask.CompletedTask
            : new OpenIddictServerHandlers.RedeemTokenEntry(tokens).HandleAsync(context);
}

/// <summary>A refresh of the extension's client returns a new access token only: its refresh token stays the same until it expires or is revoked.</summary>
internal sealed class KeepExtensionRefreshToken : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<KeepExtensionRefreshToken>()
            .SetOrder(OpenIddictServerHandlers.EvaluateGeneratedTokens.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.EndpointType == OpenIddictServerEndpointType.Token && ExtensionClient.IsRefreshOfThisClient(context.Request))
        {
            context.GenerateRefreshToken = false;
            context.IncludeRefreshToken = false;
        }
        return ValueTask.CompletedTask;
    }
}
