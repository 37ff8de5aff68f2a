namespace HeyHo.Api.Web;

/// <summary>Endpoint metadata of the web pages.</summary>
public sealed class WebPage
{
    public static readonly WebPage Marker = new();

    public static bool Is(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<WebPage>() is not null;
}
