namespace HeyHo.Api.Auth;

public static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 128;
}
