namespace HeyHo.Api.Features.Account;

public sealed class AccountMappings : IRegister
{
    public void Register(TypeAdapterConfig config) =>
        config.NewConfig<AppUser, Profile>()
            .Map(p => p.Email, u => u.Email ?? string.Empty)
            .Map(p => p.EmailVerified, u => u.EmailConfirmed);
}
