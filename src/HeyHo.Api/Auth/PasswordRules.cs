namespace HeyHo.Api.Auth;

public static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    public const string LengthMessage =
        "The password must be 12 to 128 characters long. HeyHo asks for length, not for digits or capitals: a few words make a good one.";
}
