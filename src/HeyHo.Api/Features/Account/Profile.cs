namespace HeyHo.Api.Features.Account;

/// <summary>The user as the account and auth endpoints show them; timeZone is the IANA zone their days are counted in (null: UTC).</summary>
public sealed record Profile(
    string Id, string Email, bool EmailVerified, string? DisplayName, string? FirstName, string? LastName, string? TimeZone, DateTime CreatedAt);
