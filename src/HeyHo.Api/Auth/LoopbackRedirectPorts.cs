using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlerFilters;

namespace HeyHo.Api.Auth;

/// <summary>
/// RFC 8252 §7.3: a native app listens on a loopback port the system picks at run time, so a loopback redirect URI
/// registered without a port (<c>http://127.0.0.1/callback</c>) accepts the same URI with any port. Only the address
/// literals 127.0.0.1 and [::1] over http qualify – not <c>localhost</c> (§8.3), not any other host. Every other
/// redirect URI is matched exactly by OpenIddict's own <c>ValidateClientRedirectUri</c>, which this takes the place of.
/// </summary>
internal sealed class LoopbackRedirectPorts(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .AddFilter<RequireDegradedModeDisabled>()
            .UseScopedHandler<LoopbackRedirectPorts>()
            .SetOrder(OpenIddictServerHandlers.Authentication.ValidateClientRedirectUri.Descriptor.Order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        if (context.RedirectUri is { } redirectUri && WithoutPort(redirectUri) is { } portless
            && await applications.FindByClientIdAsync(context.ClientId!, context.CancellationToken) is { } application
            && await applications.ValidateRedirectUriAsync(application, portless, context.CancellationToken))
        {
            return;
        }
        await new OpenIddictServerHandlers.Authentication.ValidateClientRedirectUri(applications).HandleAsync(context);
    }

    /// <summary>
    /// The URI without its port when it is an http loopback literal with an explicit port, written exactly as its
    /// parsed form (so no escaping or dot-segment trick can make the portless form name another path); else null.
    /// </summary>
    public static string? WithoutPort(string redirectUri)
    {
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
            || !PublicClientOptions.IsLoopbackLiteral(uri) || uri.IsDefaultPort
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment)
            || !string.Equals(uri.AbsoluteUri, redirectUri, StringComparison.Ordinal))
        {
            return null;
        }
        return new UriBuilder(uri) { Port = -1 }.Uri.AbsoluteUri;
    }
}
