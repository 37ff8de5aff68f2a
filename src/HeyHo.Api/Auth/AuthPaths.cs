namespace HeyHo.Api.Auth;

/// <summary>The authorization server's paths as requests name them (OpenIddict takes them without the leading slash).</summary>
public static class AuthPaths
{
    public const string Token = "/api/v1/auth/login";
    public const string Refresh = "/api/v1/auth/refresh";
    public const string Register = "/api/v1/auth/register";
    public const string Revocation = "/api/v1/auth/revoke";
    public const string Authorization = "/api/v1/auth/authorize";
    public const string Me = "/api/v1/auth/me";
    public const string Logout = "/api/v1/auth/logout";
    public const string PasswordResetRequest = "/api/v1/auth/password-reset/request";
    public const string PasswordReset = "/api/v1/auth/password-reset";
}
