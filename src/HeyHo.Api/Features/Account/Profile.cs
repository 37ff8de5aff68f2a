using HeyHo.Api.Data;
using Mapster;

namespace HeyHo.Api.Features.Account;

public sealed record Profile(
    string Id, string Email, bool EmailVerified, string? DisplayName, string? FirstName, string? LastName, DateTime CreatedAt);

public sealed class AccountMappings : IRegister
{
    public void Register(TypeAdapterConfig config) =>
        config.NewConfig<AppUser, Profile>()
            .Map(p => p.Email, u => u.Email ?? string.Empty)
            .Map(p => p.EmailVerified, u => u.EmailConfirmed);
}
