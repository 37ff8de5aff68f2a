namespace HeyHo.Api.Infrastructure;

public sealed class DocsOptions
{
    public const string Section = "Docs";

    /// <summary>Serves the interactive API reference at /docs (the OpenAPI document is always served).</summary>
    public bool Enabled { get; set; }
}
