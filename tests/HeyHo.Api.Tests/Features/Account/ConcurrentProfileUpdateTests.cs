using System.Net;
using System.Net.Http.Json;
using HeyHo.Api.Data;
using HeyHo.Api.Tests.Infrastructure;
using HeyHo.Bench;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Tests.Features.Account;

/// <summary>
/// Another writer (a login on another node, another request) changes the user's row between this request's read
/// and its save: Identity refuses the save (concurrency stamp). A 200 must still mean the name is stored.
/// </summary>
public sealed class ConcurrentProfileUpdateTests
{
    [Fact]
    public async Task RowChangedElsewhereOnce_TheChangeIsAppliedToTheFreshRow()
    {
        using var factory = Factory(interferences: 1);
        var (client, _, _) = await factory.SignedInUserAsync("pat@example.com");

        var response = await client.PatchAsJsonAsync("/api/v1/account", new { displayName = "Mine" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"DisplayName\" = 'Mine'"));
    }

    [Fact]
    public async Task RowChangedElsewhereOnEveryAttempt_Is409AndTheOtherWriteStands()
    {
        using var factory = Factory(interferences: int.MaxValue);
        var (client, _, _) = await factory.SignedInUserAsync("quinn@example.com");

        var response = await client.PatchAsJsonAsync("/api/v1/account", new { displayName = "Mine" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(1, factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"DisplayName\" = 'elsewhere'"));
    }

    private static HeyHoApiFactory Factory(int interferences)
    {
        HeyHoApiFactory? factory = null;
        factory = new HeyHoApiFactory(services: services => services.AddScoped<UserManager<AppUser>>(provider =>
            ActivatorUtilities.CreateInstance<InterferingUserManager>(provider, factory!.Database, new Interferences(interferences))));
        return factory;
    }

    private sealed class Interferences(int count)
    {
        private int _left = count;

        public bool Take() => Interlocked.Decrement(ref _left) >= 0;
    }

    /// <summary>Right before each of the first N saves, another connection changes the row, as another node would.</summary>
    private sealed class InterferingUserManager(
        DatabaseUnderTest database, Interferences interferences, IUserStore<AppUser> store, IOptions<IdentityOptions> options,
        IPasswordHasher<AppUser> hasher, IEnumerable<IUserValidator<AppUser>> userValidators,
        IEnumerable<IPasswordValidator<AppUser>> passwordValidators, ILookupNormalizer normalizer, IdentityErrorDescriber errors,
        IServiceProvider services, Microsoft.Extensions.Logging.ILogger<UserManager<AppUser>> logger)
        : UserManager<AppUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
    {
        public override Task<IdentityResult> UpdateAsync(AppUser user)
        {
            if (interferences.Take())
            {
                database.Execute("UPDATE \"AspNetUsers\" SET \"DisplayName\" = 'elsewhere', \"ConcurrencyStamp\" = @stamp", ("@stamp", Guid.NewGuid().ToString()));
            }
            return base.UpdateAsync(user);
        }
    }
}
