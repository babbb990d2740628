using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;

namespace MockAccounts.Testing;

/// <summary>
/// The fixture's server: Kestrel on a loopback port and an in-memory <see cref="TestServer"/>, both started with the
/// host's one application, so a socket client and the in-memory handler reach the same pipeline, state and journal.
/// </summary>
internal sealed class TwinServer : IServer
{
    private readonly IServer _sockets;

    public TwinServer(IServer sockets, TestServer inMemory)
    {
        _sockets = sockets;
        InMemory = inMemory;
    }

    /// <summary>The in-memory server (<see cref="TestServer.CreateHandler()"/>).</summary>
    public TestServer InMemory { get; }

    /// <summary>The socket server's: where it listens.</summary>
    public IFeatureCollection Features => _sockets.Features;

    public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        await ((IServer)InMemory).StartAsync(application, cancellationToken).ConfigureAwait(false);
        await _sockets.StartAsync(application, cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _sockets.StopAsync(cancellationToken).ConfigureAwait(false);
        await ((IServer)InMemory).StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _sockets.Dispose();
        InMemory.Dispose();
    }
}
