namespace HeyHo.Api.Features.Account;

public sealed record Profile(
    string Id, string Email, bool EmailVerified, string? DisplayName, string? FirstName, string? LastName, DateTime CreatedAt);
