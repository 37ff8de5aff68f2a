using System.Text.Json.Serialization;
using FluentValidation;
using HeyHo.Api.Data;
using HeyHo.Api.Features.Account;
using HeyHo.Api.Features.EmailVerification;
using HeyHo.Api.Infrastructure;
using HeyHo.Api.Infrastructure.Security;
using Mapster;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace HeyHo.Api.Auth;

/// <summary>
/// POST /api/v1/auth/register: creates the account and signs it in at once. The request is a token request of the
/// extension's client (<see cref="ExtractJsonTokenRequest"/>), so the answer carries the same tokens as a login.
/// </summary>
public static class Register
{
    /// <summary><c>first_name</c>/<c>last_name</c> are the extension's spellings of <c>firstName</c>/<c>lastName</c>.</summary>
    public sealed record Request(
        string? Email, string? Password, string? DisplayName, string? FirstName, string? LastName,
        [property: JsonPropertyName("first_name")] string? FirstNameAlias = null,
        [property: JsonPropertyName("last_name")] string? LastNameAlias = null)
    {
        public string? GivenName => FirstName ?? FirstNameAlias;

        public string? FamilyName => LastName ?? LastNameAlias;
    }

    public sealed class Validator : JsonFieldValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Email).Storable().NotEmpty().MaximumLength(256).EmailAddress();
            RuleFor(r => r.Password).NotEmpty().Length(PasswordRules.MinLength, PasswordRules.MaxLength)
                .WithMessage(PasswordRules.LengthMessage);
            RuleFor(r => r.DisplayName).Storable().MaximumLength(100);
            RuleFor(r => r.GivenName).Storable().MaximumLength(100).OverridePropertyName("firstName").WithName("firstName");
            RuleFor(r => r.FamilyName).Storable().MaximumLength(100).OverridePropertyName("lastName").WithName("lastName");
        }
    }

    public static async Task<Results<SignInHttpResult, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, IValidator<Request> validator, AccountCreation accounts, SessionSignIn sessions, TypeAdapterConfig mappings,
        HttpContext http)
    {
        var validation = await validator.ValidateAsync(request);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var created = await accounts.CreateAsync(request, http.GetOpenIddictServerRequest()?.ClientId, http);
        if (created.Busy)
        {
            return PasswordHashGate.Busy(http.Response);
        }
        if (created.EmailTaken)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: AccountCreation.TakenMessage);
        }
        if (created.User is not { } user)
        {
            return TypedResults.ValidationProblem(created.Errors!, title: "The request is invalid.");
        }

        RegisteredProfile.Set(http, user.Adapt<Profile>(mappings));
        var tokenRequest = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("Registration is a token request; OpenIddict has not parsed it.");
        return await sessions.StartAsync(user, tokenRequest, http);
    }
}

/// <summary>The token part of the extension's answers (login, refresh, register), in its PascalCase names.</summary>
public sealed record ExtensionTokens(
    [property: JsonPropertyName("AccessToken")] string AccessToken,
    [property: JsonPropertyName("RefreshToken")] string? RefreshToken,
    [property: JsonPropertyName("ExpiresIn")] long ExpiresIn,
    [property: JsonPropertyName("TokenType")] string TokenType,
    [property: JsonPropertyName("user")] Profile? User);

/// <summary>201 of a registration: the profile (as before) plus <c>data</c>, the tokens that sign the new account in.</summary>
public sealed record RegisteredAnswer(
    string Id, string Email, bool EmailVerified, string? DisplayName, string? FirstName, string? LastName, DateTime CreatedAt, ExtensionTokens Data);
