using HeyHo.Api.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HeyHo.Api.Tests.Harness;

/// <summary>
/// Makes a registration lose the race for its email, every time: registered as one more user validator, it runs
/// after Identity's duplicate check and, the first time, registers the same email through a separate scope (as a
/// request on another node would) before the checked user is inserted. The insert then hits the unique index.
/// </summary>
public sealed class RivalRegistration(IServiceScopeFactory scopes) : IUserValidator<AppUser>
{
    private int _fired;

    public static void AddTo(IServiceCollection services) => services.AddSingleton<IUserValidator<AppUser>, RivalRegistration>();

    public async Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user)
    {
        if (Interlocked.Exchange(ref _fired, 1) == 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var rival = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>()
                .CreateAsync(new AppUser { UserName = user.UserName, Email = user.Email, CreatedAt = DateTime.UtcNow });
            Assert.True(rival.Succeeded, "the rival registration must win");
        }
        return IdentityResult.Success;
    }
}
