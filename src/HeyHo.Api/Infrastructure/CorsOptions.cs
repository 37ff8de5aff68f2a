using System.ComponentModel.DataAnnotations;

namespace HeyHo.Api.Infrastructure;

public sealed class CorsOptions : IValidatableObject
{
    public const string Section = "Cors";

    /// <summary>Origins allowed to call the API from a browser, e.g. chrome-extension://&lt;id&gt;; none by default.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        AllowedOrigins
            .Where(origin => !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.PathAndQuery != "/" || origin.EndsWith('/'))
            .Select(origin => new ValidationResult(
                $"'{origin}' is not an origin (scheme://host[:port], no path or trailing slash).", [nameof(AllowedOrigins)]));
}
