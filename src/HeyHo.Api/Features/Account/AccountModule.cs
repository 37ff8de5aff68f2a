using Carter;

namespace HeyHo.Api.Features.Account;

public sealed class AccountModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/register", Register.Handle).WithTags("Account").AllowAnonymous();

        var account = app.MapGroup("/api/v1/account").WithTags("Account").RequireAuthorization();
        account.MapGet("/", GetProfile.Handle);
        account.MapPatch("/", UpdateProfile.Handle);
        account.MapPost("/password", ChangePassword.Handle);
        account.MapDelete("/", DeleteAccount.Handle);
    }
}
