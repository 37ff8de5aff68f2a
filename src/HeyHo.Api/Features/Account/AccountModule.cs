using Carter;
using HeyHo.Api.Auth;
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
        // What controls the account itself is for HeyHo's own clients only, not for a third-party app's token.
        var control = account.MapGroup("").RequireAuthorization(FirstPartyClients.Policy).ProducesProblem(StatusCodes.Status403Forbidden);
        control.MapPost("/password", ChangePassword.Handle)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        control.MapGet("/sessions", ListSessions.Handle);
        control.MapDelete("/sessions/{id}", EndSession.Handle).ProducesProblem(StatusCodes.Status404NotFound);
        control.MapPost("/sessions/end-others", EndOtherSessions.Handle);
        control.MapGet("/security-log", ListSecurityLog.Handle);
        control.MapDelete("/", DeleteAccount.Handle)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
