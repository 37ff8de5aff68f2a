namespace HeyHo.Api.Web;

/// <summary>The web pages' addresses (each page's <c>@page</c> route names the same).</summary>
public static class WebPaths
{
    public const string Home = "/";
    public const string SignIn = "/sign-in";
    public const string SignUp = "/sign-up";
    public const string VerifyEmail = "/verify-email";
    public const string ResendCode = "/verify-email/resend";
    public const string ForgotPassword = "/forgot-password";
    public const string ResetPassword = "/reset-password";
    public const string SignOut = "/sign-out";
    public const string Insights = "/insights";
    public const string History = "/history";
    public const string Account = "/account";
    public const string AccountSessions = "/account/sessions";
    public const string AccountPrivacy = "/account/privacy";
    public const string AccountData = "/account/data";
    public const string Consent = "/consent";

    /// <summary>The query parameter that names where to go after signing in (always a local path, see <see cref="ReturnUrls"/>).</summary>
    public const string ReturnUrl = "returnUrl";
}
