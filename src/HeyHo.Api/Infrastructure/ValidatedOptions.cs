using System.Collections;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HeyHo.Api.Infrastructure;

/// <summary>
/// Binds a configuration section, validates it (data annotations, nested objects included) and registers it as
/// <see cref="IOptions{T}"/>. Invalid values stop start-up with a message naming each setting.
/// </summary>
public static class ValidatedOptions
{
    public static T AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class, new()
    {
        var value = configuration.GetSection(section).Get<T>() ?? new T(); // unconvertible values throw, naming the key
        var errors = new List<string>();
        Validate(value, section, errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Invalid configuration: {string.Join(" ", errors)}");
        }

        services.AddSingleton(Options.Create(value));
        return value;
    }

    private static void Validate(object value, string path, List<string> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        errors.AddRange(results.Select(r => $"{path}:{r.MemberNames.FirstOrDefault()}: {r.ErrorMessage}"));
        if (value is IValidatableObject)
        {
            return; // TryValidateObject already ran its own checks
        }

        foreach (var property in value.GetType().GetProperties())
        {
            if (property.PropertyType.IsClass && property.PropertyType != typeof(string)
                && !typeof(IEnumerable).IsAssignableFrom(property.PropertyType)
                && property.GetValue(value) is { } nested)
            {
                Validate(nested, $"{path}:{property.Name}", errors);
            }
        }
    }
}
