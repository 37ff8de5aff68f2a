using System.Security.Claims;
using FluentValidation;
using HeyHo.Api.Data;
using HeyHo.Api.Infrastructure;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace HeyHo.Api.Features.Account;

public static class UpdateProfile
{
    public sealed record Request(string? DisplayName);

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator() => RuleFor(r => r.DisplayName).Storable().MaximumLength(100);
    }

    public static async Task<Results<Ok<Profile>, ValidationProblem, UnauthorizedHttpResult>> Handle(
        Request request, IValidator<Request> validator, ClaimsPrincipal caller, UserManager<AppUser> users)
    {
        var validation = await validator.ValidateAsync(request);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (await users.FindByIdAsync(caller.UserId()) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        user.DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim();
        await users.UpdateAsync(user);
        return TypedResults.Ok(user.Adapt<Profile>());
    }
}
