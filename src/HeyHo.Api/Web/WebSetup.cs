using HeyHo.Api.Auth;
using HeyHo.Api.Features.EmailVerification;
using HeyHo.Api.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Web;

/// <summary>
/// The web pages (Razor Pages under Web/Pages, static files under wwwroot): signed in with <see cref="WebSessionCookie"/>,
/// every page but the sign-in ones behind it, antiforgery on every form (Razor Pages' default), the security headers of
/// <see cref="SecurityHeaders"/>, and the API's rate-limit policies on the pages that submit what the API limits.
/// </summary>
public static class WebSetup
{
    /// <summary>The authorization policy of the signed-in pages (every page unless it is allowed anonymously).</summary>
    public const string SignedIn = "web-signed-in";

    public static IServiceCollection AddHeyHoWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var development = environment.IsDevelopment();
        // Cookies and antiforgery tokens are sealed with these keys: nodes of one deployment must share them.
        var dataProtection = services.AddDataProtection().SetApplicationName("HeyHo");
        if (configuration["DataProtection:KeysDirectory"] is { Length: > 0 } keys)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        }
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Web/Pages";
            options.Conventions.AuthorizeFolder("/", SignedIn);
            foreach (var page in new[] { "/SignIn", "/SignUp", "/VerifyEmail", "/ResendCode", "/ForgotPassword", "/ResetPassword" })
            {
                options.Conventions.AllowAnonymousToPage(page);
            }
            options.Conventions.AddFolderApplicationModelConvention("/", page => page.EndpointMetadata.Add(WebPage.Marker));
            // A page's GET is not counted (RateLimits.ClientIpOfSubmission); its POST shares the API's window.
            RateLimited(options, "/SignUp", RateLimitPolicies.Registrations);
            RateLimited(options, "/ResendCode", RateLimitPolicies.VerificationResends);
            RateLimited(options, "/ForgotPassword", RateLimitPolicies.PasswordResetRequests);
        });
        services.AddScoped<Insights.InsightsAnswers>();
        services.AddAuthentication().AddCookie(WebSessionCookie.Scheme);
        services.AddOptions<CookieAuthenticationOptions>(WebSessionCookie.Scheme).Configure<IOptions<AuthOptions>>((cookie, auth) =>
            WebSessionCookie.Configure(cookie, environment, auth.Value, WebPaths.SignIn, WebPaths.ReturnUrl));
        services.AddAuthorizationBuilder().AddPolicy(SignedIn, policy => policy
            .AddAuthenticationSchemes(WebSessionCookie.Scheme).RequireAuthenticatedUser());
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = development ? "heyho.antiforgery" : "__Host-heyho.antiforgery";
            options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.PostConfigure<RateLimiterOptions>(options =>
        {
            var api = options.OnRejected;
            options.OnRejected = (context, ct) => WebPage.Is(context.HttpContext)
                ? new ValueTask(TooManyRequests.WriteAsync(context.HttpContext, context.Lease))
                : api?.Invoke(context, ct) ?? ValueTask.CompletedTask;
        });
        return services;
    }

    /// <summary>
    /// Before authentication: a page's response gets the security headers and its request the browser's signed-in
    /// user (the API's default scheme stays the bearer token, so no API call is ever authorised by the cookie).
    /// </summary>
    public static WebApplication UseHeyHoWeb(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (WebPage.Is(http))
            {
                http.Response.OnStarting(() =>
                {
                    SecurityHeaders.Apply(http.Response);
                    return Task.CompletedTask;
                });
                if (await http.AuthenticateAsync(WebSessionCookie.Scheme) is { Succeeded: true } browser)
                {
                    http.User = browser.Principal!;
                }
            }
            await next(http);
        });
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }

    private static void RateLimited(Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions options, string page, string policy) =>
        options.Conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(new EnableRateLimitingAttribute(policy)));
}
