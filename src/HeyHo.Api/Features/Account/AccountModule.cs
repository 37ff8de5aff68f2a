using Carter;
using HeyHo.Api.Infrastructure;

namespace HeyHo.Api.Features.Account;

public sealed class AccountModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/account/export", ExportAccountData.Handle).WithTags("Account").RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: "application/x-ndjson");

        var account = app.MapGroup("/api/v1/account").WithTags("Account").RequireAuthorization();
        account.MapGet("/", GetProfile.Handle);
        account.MapPatch("/", UpdateProfile.Handle)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        account.MapPost("/password", ChangePassword.Handle)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        account.MapGet("/sessions", ListSessions.Handle);
        account.MapDelete("/sessions/{id}", EndSession.Handle).ProducesProblem(StatusCodes.Status404NotFound);
        account.MapPost("/sessions/end-others", EndOtherSessions.Handle);
        account.MapGet("/security-log", ListSecurityLog.Handle);
        account.MapDelete("/", DeleteAccount.Handle)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
