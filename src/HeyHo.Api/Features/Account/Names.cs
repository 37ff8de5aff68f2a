namespace HeyHo.Api.Features.Account;

public static class Names
{
    public static string? Clean(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim();
}
