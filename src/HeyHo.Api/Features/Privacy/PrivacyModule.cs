using Carter;

namespace HeyHo.Api.Features.Privacy;

public sealed class PrivacyModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var privacy = app.MapGroup("/api/v1/account/privacy").WithTags("Privacy").RequireAuthorization();
        privacy.MapGet("/", GetPrivacy.Handle);
        privacy.MapPut("/", UpdatePrivacy.Handle)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
