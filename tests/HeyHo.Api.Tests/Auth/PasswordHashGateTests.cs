using System.Net;
using HeyHo.Api.Data;
using HeyHo.Api.Tests.Harness;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HeyHo.Api.Tests.Auth;

public sealed class PasswordHashGateTests
{
    [Fact]
    public async Task AllSlotsBusy_PasswordGrantWaitsThenGets429_WhileSyncAndReadsAreServed()
    {
        using var hasher = new BlockingPasswordHasher();
        using var factory = new HeyHoApiFactory(
            new Dictionary<string, string?> { ["Auth:MaxConcurrentPasswordHashes"] = "1", ["Auth:PasswordHashQueueTimeout"] = "00:00:00.200" },
            services: s => s.AddSingleton<IPasswordHasher<AppUser>>(hasher));
        var (reader, _, _) = await factory.SignedInUserAsync();
        var client = factory.CreateClient();

        hasher.Block();
        var first = client.PasswordGrantAsync("anyone@example.com", "wrong password 0001"); // takes the only slot, then blocks in the hash
        await hasher.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var second = await client.PasswordGrantAsync("anyone@example.com", "wrong password 0002");
        var read = await reader.GetAsync("/api/v1/account");
        hasher.Release();

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), second.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await first).StatusCode);
    }

    private sealed class BlockingPasswordHasher : IPasswordHasher<AppUser>, IDisposable
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private readonly ManualResetEventSlim _gate = new(initialState: true);

        public SemaphoreSlim Entered { get; } = new(0);

        public void Block() => _gate.Reset();

        public void Release() => _gate.Set();

        public void Dispose()
        {
            _gate.Dispose();
            Entered.Dispose();
        }

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            if (!_gate.IsSet)
            {
                Entered.Release();
                _gate.Wait(TimeSpan.FromSeconds(30));
            }
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
