using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace HeyHo.Api.Tests.Harness;

/// <summary>
/// Makes a node's client seeding lose the race against another node's, every time: the first look-up of the client
/// misses, as if the other node inserted it a moment later, so the seeder tries to create a client that exists.
/// </summary>
public class RivalClientSeeding : DispatchProxy
{
    private IOpenIddictApplicationManager _inner = null!;
    private Missed _missed = null!;

    public static void AddTo(IServiceCollection services)
    {
        var missed = new Missed(); // one per app, not per scope: only the very first look-up misses
        services.AddScoped(provider =>
        {
            var proxy = Create<IOpenIddictApplicationManager, RivalClientSeeding>();
            var rival = (RivalClientSeeding)(object)proxy;
            rival._inner = provider.GetRequiredService<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>>();
            rival._missed = missed;
            return proxy;
        });
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(IOpenIddictApplicationManager.FindByClientIdAsync) && Interlocked.Exchange(ref _missed.Once, 1) == 0)
        {
#pragma warning disable CA2012 // not consumed here: the proxy hands the ValueTask to its caller, who awaits it once
            return ValueTask.FromResult<object?>(null);
#pragma warning restore CA2012
        }
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private sealed class Missed
    {
        public int Once;
    }
}
