using HeyHo.Api.Data;
using Microsoft.AspNetCore.Identity;

namespace HeyHo.Api.Auth;

/// <summary>A hash of a random password, verified when the user is unknown or locked out so every failure costs one hash.</summary>
public sealed class DummyPasswordHash(IPasswordHasher<AppUser> hasher)
{
    private string? hash;

    public void Verify(string password)
    {
        hash ??= hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(new AppUser(), hash, password);
    }
}
