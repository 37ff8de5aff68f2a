using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HeyHo.Api.Infrastructure;

public static class Validation
{
    public static ValidationProblem ToProblem(this ValidationResult result) =>
        TypedResults.ValidationProblem(result.ToDictionary(), title: "The request is invalid.");

    public static ValidationProblem Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is invalid.");
}

/// <summary>A validator whose error keys and messages name the JSON fields the client sent (camelCase), not the C# properties.</summary>
public abstract class JsonFieldValidator<T> : AbstractValidator<T>
{
    protected override void OnRuleAdded(IValidationRule<T> rule)
    {
        if (rule.Member is { } member)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(member.Name);
            rule.PropertyName = name;
            rule.SetDisplayName(name);
        }
    }
}
