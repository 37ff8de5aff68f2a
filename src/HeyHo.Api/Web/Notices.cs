namespace HeyHo.Api.Web;

/// <summary>The one-line notices a page shows after a redirect (<c>?notice=verified</c>): a fixed list, so no text comes from the address.</summary>
public static class Notices
{
    public const string Verified = "verified";
    public const string PasswordReset = "password-reset";
    public const string SignedOut = "signed-out";
    public const string CodeSent = "code-sent";
    public const string ResetCodeSent = "reset-code-sent";
    public const string AccountDeleted = "account-deleted";

    public static string? Text(string? notice) => notice switch
    {
        Verified => "Your email address is verified. Sign in to continue.",
        PasswordReset => "Your password has been changed and every session has ended. Sign in with the new password.",
        SignedOut => "You have signed out.",
        CodeSent => "We have sent a 6-digit code to your email address. It is valid for 15 minutes.",
        AccountDeleted => "Your account and everything HeyHo stored for it have been deleted.",
        ResetCodeSent => HeyHo.Api.Auth.RequestPasswordReset.Queued.Message,
        _ => null,
    };
}
