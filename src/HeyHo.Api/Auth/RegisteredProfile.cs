using System.Text.Json;
using System.Text.Json.Nodes;

namespace HeyHo.Api.Auth;

/// <summary>Carries a new account's profile from the registration endpoint to the token answer that signs it in.</summary>
internal static class RegisteredProfile
{
    private static readonly object Key = new();

    public static void Set<TProfile>(HttpContext http, TProfile profile) =>
        http.Items[Key] = JsonSerializer.SerializeToNode(profile, JsonSerializerOptions.Web);

    public static JsonObject? Take(HttpContext http) => http.Items.Remove(Key, out var profile) ? profile as JsonObject : null;
}
