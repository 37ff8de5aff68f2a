using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HeyHo.Api.Auth;

public static class AuthSetup
{
    public static IServiceCollection AddHeyHoAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var auth = services.AddValidatedOptions<AuthOptions>(configuration, AuthOptions.Section);

        // Stateless, so one instance serves every request and DummyPasswordHash.
        services.AddSingleton<IPasswordHasher<AppUser>, PasswordHasher<AppUser>>();
        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = string.Empty; // the user name is the email, whatever it contains
                options.Password.RequiredLength = PasswordRules.MinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = auth.MaxFailedAccessAttempts;
                options.Lockout.DefaultLockoutTimeSpan = auth.LockoutDuration;
            })
            .AddSignInManager()
            .AddPasswordValidator<PasswordPolicy>()
            .AddEntityFrameworkStores<HeyHoDbContext>();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = auth.PasswordHashIterations);
        services.AddSingleton<DummyPasswordHash>();
        services.AddSingleton<PasswordHashGate>();
        services.AddScoped<SessionSignIn>();
        services.AddSingleton<ClientNames>();
        services.AddSingleton<ConsentTickets>();
        services.AddScoped<Sessions>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<AccountCreation>();
        services.AddScoped<PasswordResets>();
        services.AddExceptionHandler<UnreadableOAuthFormHandler>();
        // After every Configure: the bearer scheme it describes is created by the generic document set-up.
        services.PostConfigureAll<OpenApiOptions>(o => o.AddDocumentTransformer<OAuthEndpointDocs>());
        services.AddSingleton(sp => new PasswordGrantRateLimit(sp.GetRequiredService<IOptions<RateLimitOptions>>().Value));
        services.AddOptions<RateLimiterOptions>().Configure<PasswordGrantRateLimit>((o, limit) => o.AddPolicy(RateLimitPolicies.PasswordGrants, limit));

        var certificates = Certificates.Load(configuration, environment);
        services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<HeyHoDbContext>())
            .AddServer(options =>
            {
                // The first token URI is the one discovery advertises; the others serve the extension's JSON calls.
                options.SetTokenEndpointUris(AuthPaths.Token[1..], AuthPaths.Refresh[1..], AuthPaths.Register[1..])
                    .SetRevocationEndpointUris(AuthPaths.Revocation[1..])
                    .SetAuthorizationEndpointUris(AuthPaths.Authorization[1..])
                    .AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowPasswordFlow()
                    .AllowRefreshTokenFlow()
                    .AllowCustomFlow(ExtensionClient.RegisterGrantType)
                    .RegisterScopes(Scopes.OfflineAccess)
                    .SetAccessTokenLifetime(auth.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(auth.RefreshTokenLifetime)
                    .SetRefreshTokenReuseLeeway(auth.RefreshTokenReuseLeeway)
                    .DisableAccessTokenEncryption()
                    .AddSigningCertificate(certificates.Signing)
                    .AddEncryptionCertificate(certificates.Encryption);
                if (certificates.PreviousSigning is { } previousSigning)
                {
                    options.AddSigningCertificate(previousSigning);
                }
                if (certificates.PreviousEncryption is { } previousEncryption)
                {
                    options.AddEncryptionCertificate(previousEncryption);
                }

                if (auth.Issuer is { } issuer)
                {
                    options.SetIssuer(issuer);
                }

                // S256 only: a plain challenge is the verifier itself, no protection against a stolen code.
                // Prompts other than none are not implemented (a signed-in browser is not asked to sign in again; only a
                // third-party client without a live session gets the consent page), so not advertised.
                options.Configure(o =>
                {
                    o.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
                    o.PromptValues.Remove(PromptValues.Login);
                    o.PromptValues.Remove(PromptValues.Consent);
                    o.PromptValues.Remove(PromptValues.SelectAccount);
                });
                options.RemoveEventHandler(OpenIddict.Server.OpenIddictServerHandlers.Authentication.ValidateClientRedirectUri.Descriptor);
                options.AddEventHandler(LoopbackRedirectPorts.Descriptor);

                options.AddEventHandler(CountRefreshTokenReplays.Descriptor);
                var aspNetCore = options.UseAspNetCore().EnableTokenEndpointPassthrough().EnableAuthorizationEndpointPassthrough();
                options.RemoveEventHandler(OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreHandlers
                    .ExtractPostRequest<OpenIddict.Server.OpenIddictServerEvents.ExtractTokenRequestContext>.Descriptor);
                options.AddEventHandler(ExtractJsonTokenRequest.Descriptor);
                options.AddEventHandler(WriteJsonTokenResponse.Descriptor);
                options.RemoveEventHandler(OpenIddict.Server.OpenIddictServerHandlers.RedeemTokenEntry.Descriptor);
                options.AddEventHandler(RedeemTokenEntryUnlessExtensionRefresh.Descriptor);
                options.AddEventHandler(KeepExtensionRefreshToken.Descriptor);
                if (environment.IsDevelopment())
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(options =>
            {
                options.UseLocalServer();
                options.UseAspNetCore();
                options.AddEventHandler(RejectEndedSessions.Descriptor);
            });

        services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        services.AddAuthorization();
        services.AddFirstPartyClientPolicy();
        services.AddHostedService<HeyHoClientSeeder>();
        services.AddSingleton<TokenPruning>();
        services.AddHostedService(sp => sp.GetRequiredService<TokenPruning>());
        return services;
    }
}
