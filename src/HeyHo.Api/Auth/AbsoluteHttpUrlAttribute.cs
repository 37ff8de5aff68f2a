using System.ComponentModel.DataAnnotations;

namespace HeyHo.Api.Auth;

/// <summary>Null, or an absolute http(s) URL.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AbsoluteHttpUrlAttribute() : ValidationAttribute("The {0} field must be an absolute http(s) URL.")
{
    public override bool IsValid(object? value) =>
        value is null || value is Uri { IsAbsoluteUri: true, Scheme: "https" or "http" };
}
