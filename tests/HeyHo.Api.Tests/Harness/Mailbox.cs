using System.Text.RegularExpressions;
using MimeKit;

namespace HeyHo.Api.Tests.Harness;

/// <summary>
/// The API's Development pickup directory, read as a developer would: each .eml file is one message. Waits for a message
/// on the directory's change events, never by sleeping.
/// </summary>
public sealed partial class Mailbox(string directory)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly HashSet<string> _taken = [];

    /// <summary>Every message written so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> All() => Files().Select(f => MimeMessage.Load(f)).ToList();

    /// <summary>The oldest message to <paramref name="recipient"/> this mailbox has not returned yet, once it is written.</summary>
    public async Task<MimeMessage> NextAsync(string recipient)
    {
        Directory.CreateDirectory(directory);
        using var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(directory);
        watcher.Created += (_, _) => changed.Release();
        watcher.Renamed += (_, _) => changed.Release();
        watcher.EnableRaisingEvents = true;
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            foreach (var file in Files().Where(f => !_taken.Contains(f)))
            {
                var message = MimeMessage.Load(file);
                if (message.To.Mailboxes.Any(m => string.Equals(m.Address, recipient, StringComparison.OrdinalIgnoreCase)))
                {
                    _taken.Add(file);
                    return message;
                }
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await changed.WaitAsync(left))
            {
                throw new TimeoutException($"No new message to {recipient} in {directory} within {Timeout}.");
            }
        }
    }

    /// <summary>The 6-digit code of the next message to <paramref name="recipient"/>.</summary>
    public async Task<string> NextCodeAsync(string recipient) => Code(await NextAsync(recipient));

    public static string Code(MimeMessage message)
    {
        var match = SixDigits().Match(message.TextBody ?? string.Empty);
        Assert.True(match.Success, $"no code in: {message.TextBody}");
        return match.Value;
    }

    private IEnumerable<string> Files() => Directory.Exists(directory)
        ? Directory.GetFiles(directory, "*.eml").Order(StringComparer.Ordinal)
        : [];

    [GeneratedRegex(@"\b[0-9]{6}\b")]
    private static partial Regex SixDigits();
}

public static class MailboxExtensions
{
    public static Mailbox Mailbox(this HeyHoApiFactory factory) => new(factory.MailDirectory);
}
