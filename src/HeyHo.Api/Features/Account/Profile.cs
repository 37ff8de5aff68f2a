namespace HeyHo.Api.Features.Account;

public sealed record Profile(string Id, string Email, string? DisplayName, DateTime CreatedAt);
