namespace HeyHo.Api.Tests.Web.Browser;

/// <summary>
/// Every browser test class joins this collection (<c>[Collection(BrowserCollection.Name)]</c> and a constructor taking
/// <see cref="BrowserFixture"/>): the API and Chromium start once, and the classes run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser (one API on a port, one Chromium)";
}
