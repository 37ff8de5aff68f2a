using HeyHo.Api.Data;
using HeyHo.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Tests.Harness;

/// <summary>
/// The app's user manager, except that right before each of its first N saves of a user row another connection
/// changes that row (display name and concurrency stamp), as a login or request on another node would.
/// </summary>
public sealed class InterferingUserManager(
    DatabaseUnderTest database, InterferingUserManager.Budget budget, IUserStore<AppUser> store, IOptions<IdentityOptions> options,
    IPasswordHasher<AppUser> hasher, IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators, ILookupNormalizer normalizer, IdentityErrorDescriber errors,
    IServiceProvider services, Microsoft.Extensions.Logging.ILogger<UserManager<AppUser>> logger)
    : UserManager<AppUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    public const string TheirName = "elsewhere";

    /// <summary>
    /// A factory whose user manager interferes with <paramref name="saves"/> saves once the budget is armed (the
    /// set-up before, such as signing up, saves undisturbed).
    /// </summary>
    public static (HeyHoApiFactory Factory, Budget Budget) Create(int saves)
    {
        var budget = new Budget(saves);
        HeyHoApiFactory? factory = null;
        factory = new HeyHoApiFactory(services: s => s.AddScoped<UserManager<AppUser>>(provider =>
            ActivatorUtilities.CreateInstance<InterferingUserManager>(provider, factory!.Database, budget)));
        return (factory, budget);
    }

    protected override Task<IdentityResult> UpdateUserAsync(AppUser user)
    {
        if (budget.Take())
        {
            database.Execute($"UPDATE \"AspNetUsers\" SET \"DisplayName\" = '{TheirName}', \"ConcurrencyStamp\" = @stamp WHERE \"Id\" = @id",
                ("@stamp", Guid.NewGuid().ToString()), ("@id", user.Id));
        }
        return base.UpdateUserAsync(user);
    }

    public sealed class Budget(int saves)
    {
        private int _left = saves;

        public bool Armed { get; set; }

        public bool Take() => Armed && Interlocked.Decrement(ref _left) >= 0;
    }
}
