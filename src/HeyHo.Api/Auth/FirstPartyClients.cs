using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace HeyHo.Api.Auth;

/// <summary>
/// The authorization policy of the endpoints that control the account itself – sessions, the security log, the
/// password, deletion: only a token of one of HeyHo's own clients may call them (the extension's, the standard
/// client's, a public client configured with FirstParty). A third-party app's token is answered 403 there; the
/// consent page says so.
/// </summary>
public static class FirstPartyClients
{
    public const string Policy = "first-party-client";

    public static void AddFirstPartyClientPolicy(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, Handler>();
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().AddRequirements(new Requirement()));
    }

    private sealed class Requirement : IAuthorizationRequirement;

    private sealed class Handler(IOptions<AuthOptions> options) : AuthorizationHandler<Requirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            var client = context.User.GetClaim(OpenIddictConstants.Claims.ClientId);
            if (client is HeyHoClientSeeder.ClientId or ExtensionClient.ClientId
                || options.Value.PublicClients.Any(c => c.FirstParty && c.ClientId == client))
            {
                context.Succeed(requirement);
            }
            return Task.CompletedTask;
        }
    }
}
