using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HeyHo.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace HeyHo.Api.Infrastructure;

public sealed record IssuedCode(string Code, DateTimeOffset ExpiresAt);

/// <summary>
/// Short numeric codes sent by mail (email verification, password reset): random, stored only as a salted hash, bound
/// to what they prove (e.g. the address they were sent to), expiring, single-use, and dead after a number of wrong tries.
/// A hash cannot make a 6-digit code unguessable to someone who reads the table (there are a million codes); the short
/// lifetime and the try limit are what protect it – the hash keeps live codes out of backups and casual reads.
/// </summary>
public sealed class OneTimeCodes(HeyHoDbContext db, TimeProvider clock)
{
    /// <summary>
    /// A fresh code for the user and purpose, replacing any earlier one. The row is only tracked: the caller's
    /// SaveChanges stores it, in the same transaction as whatever else it saves. Returns the code, to be sent and forgotten.
    /// </summary>
    public async Task<IssuedCode> IssueAsync(string userId, OneTimeCodePurpose purpose, string boundTo, TimeSpan lifetime, int digits, CancellationToken cancellationToken)
    {
        var code = RandomNumberGenerator.GetInt32(0, (int)Math.Pow(10, digits)).ToString(new string('0', digits), CultureInfo.InvariantCulture);
        var salt = RandomNumberGenerator.GetBytes(16);
        var now = clock.GetUtcNow();
        var row = await db.Set<OneTimeCode>().FindAsync([userId, purpose], cancellationToken);
        if (row is null)
        {
            row = new OneTimeCode { UserId = userId, Purpose = purpose, Hash = [], Salt = [] };
            db.Add(row);
        }
        row.Salt = salt;
        row.Hash = Hash(salt, userId, purpose, boundTo, code);
        row.CreatedAt = now.ToUnixTimeMilliseconds();
        row.ExpiresAt = (now + lifetime).ToUnixTimeMilliseconds();
        row.FailedAttempts = 0;
        row.ConsumedAt = null;
        return new IssuedCode(code, now + lifetime);
    }

    /// <summary>
    /// True exactly once for the right code while it lives; a wrong code counts a try. Race-safe across requests and nodes:
    /// a try is reserved by a conditional UPDATE before the code is compared, and the code is consumed by another one.
    /// The caller decides the transaction (a try must stay counted when the code is wrong).
    /// </summary>
    public async Task<bool> TryConsumeAsync(string userId, OneTimeCodePurpose purpose, string boundTo, string code, int maxFailedAttempts, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var codes = db.Set<OneTimeCode>();
        var row = await codes.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == userId && c.Purpose == purpose, cancellationToken);
        if (row is null || row.ConsumedAt is not null || row.ExpiresAt <= now || row.FailedAttempts >= maxFailedAttempts)
        {
            return false;
        }

        // The same code as read above (a new one may have replaced it since), still unused, with a try left.
        var live = codes.Where(c => c.UserId == userId && c.Purpose == purpose && c.Hash == row.Hash && c.ConsumedAt == null);
        if (await live.Where(c => c.FailedAttempts < maxFailedAttempts)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), cancellationToken) == 0)
        {
            return false;
        }
        if (!CryptographicOperations.FixedTimeEquals(Hash(row.Salt, userId, purpose, boundTo, code), row.Hash))
        {
            return false;
        }
        return await live.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.ConsumedAt, now)
            .SetProperty(c => c.FailedAttempts, c => c.FailedAttempts - 1), cancellationToken) == 1; // that try was not a failure
    }

    private static byte[] Hash(byte[] salt, string userId, OneTimeCodePurpose purpose, string boundTo, string code) =>
        HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes($"{purpose}\n{userId}\n{boundTo}\n{code}"));
}
