using Microsoft.AspNetCore.Identity;

namespace HeyHo.Api.Data;

public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>IANA time zone id the user's days and hours are counted in; null means UTC.</summary>
    public string? TimeZone { get; set; }
}
