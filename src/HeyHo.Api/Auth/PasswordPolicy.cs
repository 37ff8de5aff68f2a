using HeyHo.Api.Data;
using Microsoft.AspNetCore.Identity;

namespace HeyHo.Api.Auth;

/// <summary>
/// OWASP ASVS 5.0 §6.2: no composition rules, 12–128 characters (<see cref="PasswordRules"/>), and no password an
/// attacker tries first. zxcvbn (frequency lists of leaked passwords, names, words, keyboard patterns, dates) estimates
/// how many guesses a password takes, with the user's own email and names as extra words; scores run 0–4 and HeyHo
/// accepts 3 and above (about 10^8 guesses or more: beyond an online attack and a throttled offline one). A password
/// mostly made of the user's own email or names is refused whatever its score. Registered with Identity as a password
/// validator, so registration, password change and reset apply the same policy.
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<AppUser>
{
    public const int MinimumScore = 3;

    public const string PersonalCode = "PasswordFromPersonalInfo";
    public const string CommonCode = "PasswordTooCommon";
    public const string GuessableCode = "PasswordTooGuessable";

    public const string PersonalMessage =
        "The password is built from your own email address or name, which an attacker tries first. Choose something unrelated to you.";
    public const string CommonMessage =
        "The password is on the lists of common and breached passwords that attackers try first. A few unrelated words make a better one.";
    public const string GuessableMessage =
        "The password is too easy to guess (a sequence, a repetition, a keyboard row or a date). A few unrelated words make a better one.";

    // One estimator for the process: zxcvbn's static entry point builds its word lists anew on every call (14 MB, 25 ms).
    // Its matchers are read-only once built, so concurrent checks share it.
    private static readonly Zxcvbn.Zxcvbn Estimator = new();

    private const string UserInputs = "user_inputs";
    private const string CommonPasswords = "passwords";

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(Check(password ?? string.Empty, PersonalWords(user.Email, user.FirstName, user.LastName, user.DisplayName)) is { } refusal
            ? IdentityResult.Failed(refusal)
            : IdentityResult.Success);

    /// <summary>Null when the password is acceptable, else why not (the length is checked elsewhere).</summary>
    public static IdentityError? Check(string password, IReadOnlyCollection<string> personalWords)
    {
        if (password.Length > PasswordRules.MaxLength)
        {
            return null; // refused by the length rule; zxcvbn's cost grows with the length
        }

        var result = Estimator.EvaluatePassword(password, personalWords);
        var dictionaryMatches = result.MatchSequence.OfType<Zxcvbn.Matcher.DictionaryMatch>().ToList();
        var personal = dictionaryMatches.Where(m => m.DictionaryName == UserInputs).Sum(m => m.Token.Length);
        if (personal * 2 >= password.Length || (result.Score < MinimumScore && personal > 0))
        {
            return new IdentityError { Code = PersonalCode, Description = PersonalMessage };
        }
        if (result.Score >= MinimumScore)
        {
            return null;
        }
        return dictionaryMatches.Any(m => m.DictionaryName == CommonPasswords)
            ? new IdentityError { Code = CommonCode, Description = CommonMessage }
            : new IdentityError { Code = GuessableCode, Description = GuessableMessage };
    }

    /// <summary>The email, its local part and that part's pieces, and the names – each lower-cased, at least 3 characters.</summary>
    public static IReadOnlyCollection<string> PersonalWords(string? email, params string?[] names)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        void Add(string? word)
        {
            if (word?.Trim().ToLowerInvariant() is { Length: >= 3 } w)
            {
                words.Add(w);
            }
        }

        Add(email);
        if (email?.Split('@')[0] is { } local)
        {
            Add(local);
            foreach (var piece in local.Split(['.', '_', '-', '+'], StringSplitOptions.RemoveEmptyEntries))
            {
                Add(piece);
            }
        }
        foreach (var name in names)
        {
            Add(name);
            foreach (var piece in name?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [])
            {
                Add(piece);
            }
        }
        return words;
    }
}
