using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace HeyHo.Api.Tests.Harness;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port, started and stopped by the test. Tests wait for
/// messages on the store's completion sources, never by sleeping.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly Store _store = new();
    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    public int Port { get; } = FreePort();

    /// <summary>The settings that send the API's mail here, in plain text.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Security"] = "None",
    };

    public IReadOnlyCollection<MimeMessage> Received => _store.Messages;

    /// <summary>Listens from the moment this returns.</summary>
    public async Task StartAsync()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, _) => started.TrySetResult();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(_store);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(CancellationToken.None);
        await started.Task.WaitAsync(Timeout);
    }

    public async Task StopAsync()
    {
        if (_server is not null)
        {
            _server.Shutdown();
            await _server.ShutdownTask.WaitAsync(Timeout);
            await _running!.WaitAsync(Timeout);
            _server = null;
        }
    }

    /// <summary>Completes once <paramref name="count"/> messages have arrived in all.</summary>
    public Task<IReadOnlyCollection<MimeMessage>> WaitForAsync(int count) => _store.WaitForAsync(count).WaitAsync(Timeout);

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store : MessageStore
    {
        private readonly object _lock = new();
        private readonly List<(int Count, TaskCompletionSource<IReadOnlyCollection<MimeMessage>> Done)> _waiting = [];

        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            lock (_lock)
            {
                Messages.Enqueue(MimeMessage.Load(stream, cancellationToken));
                Release();
            }
            return Task.FromResult(SmtpResponse.Ok);
        }

        public Task<IReadOnlyCollection<MimeMessage>> WaitForAsync(int count)
        {
            var done = new TaskCompletionSource<IReadOnlyCollection<MimeMessage>>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_lock)
            {
                _waiting.Add((count, done));
                Release();
            }
            return done.Task;
        }

        private void Release()
        {
            foreach (var waiter in _waiting.Where(w => Messages.Count >= w.Count).ToList())
            {
                _waiting.Remove(waiter);
                waiter.Done.TrySetResult(Messages.ToArray());
            }
        }
    }
}
