using System.Net;
using HeyHo.Api.Infrastructure;
using HeyHo.Api.Tests.Features.Sync;
using HeyHo.Api.Tests.Harness;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HeyHo.Api.Tests.Infrastructure;

/// <summary>Each limit at its edge: the last permitted request passes, the next gets 429 with Retry-After (password grants: Auth/PasswordGrantRateLimitTests).</summary>
public sealed class RateLimitTests
{
    [Fact]
    public void Policies_AreAttachedWhereTheirEndpointsAreMapped()
    {
        using var factory = new HeyHoApiFactory();

        var attached = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null)
            .ToDictionary(
                e => $"{e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Single() ?? "page"} /{e.RoutePattern.RawText!.TrimStart('/')}",
                e => e.Metadata.GetMetadata<EnableRateLimitingAttribute>()!.PolicyName);

        Assert.Equal(new Dictionary<string, string?>
        {
            ["POST /api/v1/auth/login"] = RateLimitPolicies.PasswordGrants,
            ["POST /api/v1/auth/register"] = RateLimitPolicies.Registrations,
            ["POST /api/v1/data/sync"] = RateLimitPolicies.Syncs,
            ["POST /api/v1/resend-verification"] = RateLimitPolicies.VerificationResends,
            ["POST /api/v1/auth/password-reset/request"] = RateLimitPolicies.PasswordResetRequests,
            ["page /sign-up"] = RateLimitPolicies.Registrations, // the pages' POSTs only (RateLimits.ClientIpOfSubmission)
            ["page /verify-email/resend"] = RateLimitPolicies.VerificationResends,
            ["page /forgot-password"] = RateLimitPolicies.PasswordResetRequests,
        }, attached);
    }

    [Fact]
    public async Task RegistrationsPerIp()
    {
        using var factory = RateLimitedApi.Create("RegistrationsPerIp", 2);
        var client = factory.CreateClient();
        await client.RegisterAsync("first@example.com");
        await client.RegisterAsync("second@example.com");

        var third = await client.PostAsync("/api/v1/auth/register", System.Net.Http.Json.JsonContent.Create(new { email = "third@example.com", password = TestApi.Password }));

        await RateLimitedApi.AssertTooManyRequestsAsync(third, extensionRoute: true);
        Assert.Equal(2, factory.Count("SELECT COUNT(*) FROM \"AspNetUsers\""));
    }

    [Fact]
    public async Task SyncsPerUser_OtherUsersUnaffected()
    {
        using var factory = RateLimitedApi.Create("SyncsPerUser", 2);
        var (alice, _, _) = await factory.SignedInUserAsync();
        var (bob, _, _) = await factory.SignedInUserAsync();

        Assert.Equal(HttpStatusCode.OK, (await alice.SyncAsync(SyncData.Visits(1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.SyncAsync(SyncData.Visits(1, first: 1))).StatusCode);
        var third = await alice.SyncAsync(SyncData.Visits(1, first: 2));

        await RateLimitedApi.AssertTooManyRequestsAsync(third);
        Assert.Equal(2, factory.Count("SELECT COUNT(*) FROM \"PageVisits\""));
        Assert.Equal(HttpStatusCode.OK, (await bob.SyncAsync(SyncData.Visits(1))).StatusCode);
    }
}
