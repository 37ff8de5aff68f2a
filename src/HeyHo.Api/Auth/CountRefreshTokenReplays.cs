using HeyHo.Api.Infrastructure;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace HeyHo.Api.Auth;

/// <summary>
/// OpenIddict detects a redeemed refresh token presented after the reuse leeway (a replay), refuses it and revokes
/// its token family before our token handler runs; this counts those refusals for the metrics.
/// </summary>
internal sealed class CountRefreshTokenReplays(HeyHoMetrics metrics) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    // OpenIddict's error for "The specified refresh token has already been redeemed."
    private const string AlreadyRedeemed = "/ID2012";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<CountRefreshTokenReplays>()
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        // At this point OpenIddict may still name it invalid_token; the answer says invalid_grant. The error URI is the signal.
        if (context.Response.ErrorUri?.EndsWith(AlreadyRedeemed, StringComparison.Ordinal) == true)
        {
            metrics.Replay();
        }
        return ValueTask.CompletedTask;
    }
}
