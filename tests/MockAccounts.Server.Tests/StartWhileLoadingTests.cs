using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using MockAccounts.AspNetCore;
using MockAccounts.AspNetCore.Hosting;
using MockAccounts.Core.Runtime;

namespace MockAccounts.Server.Tests;

/// <summary>A host started while its contracts load: it holds early requests until they are in, and goes away if they never come.</summary>
public sealed class StartWhileLoadingTests
{
    private static readonly string[] Args =
    [
        "--urls", "http://127.0.0.1:0",
        "--MockAccounts:Contracts", Repository.Root,
        "--MockAccounts:HotReload", "false",
        "--MockAccounts:ReferenceTime", "2026-11-22T00:00:00Z",
        "--Logging:LogLevel:Default", "Warning",
    ];

    [Test]
    [CancelAfter(60_000)]
    public async Task A_request_that_arrives_while_the_contracts_load_waits_for_them_and_is_answered(CancellationToken cancellationToken)
    {
        using var engine = await MockAccountsRuntime.LoadAsync(new MockAccountsOptions { Contracts = Repository.Root, ReferenceTime = "2026-11-22T00:00:00Z" }, TimeProvider.System, cancellationToken);
        var loading = new TaskCompletionSource<MockEngine>();
        var watch = new Watch();

        var starting = MockAccountsHost.StartAsync(Args, builder => watch.Into(builder, loading.Task), cancellationToken);
        var address = await watch.ListeningAsync(cancellationToken);
        using var client = new HttpClient(new ContractCheckingHandler(engine.Contracts) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", "rl_early");
        var answer = client.GetAsync(new Uri("/v1/accounts/me", UriKind.Relative), cancellationToken);
        await watch.Arrived.Task.WaitAsync(cancellationToken);

        starting.IsCompleted.Should().BeFalse("the host returns only once its contracts are in");
        answer.IsCompleted.Should().BeFalse("a request that arrived before the contracts waits for them");
        loading.SetResult(engine);
        await using var app = await starting;
        using var response = await answer;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Services.GetRequiredService<AspNetCore.Journal.RequestJournal>().Snapshot().Should().ContainSingle().Which.Token.Should().Be("rl_early");
        await app.StopAsync(cancellationToken);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_load_that_fails_after_the_host_started_stops_it_and_throws_the_load_error(CancellationToken cancellationToken)
    {
        var loading = new TaskCompletionSource<MockEngine>();
        var watch = new Watch();

        var starting = MockAccountsHost.StartAsync(Args, builder => watch.Into(builder, loading.Task), cancellationToken);
        var address = new Uri(await watch.ListeningAsync(cancellationToken));
        loading.SetException(new InvalidOperationException("the contracts are broken"));

        await starting.Awaiting(s => s).Should().ThrowAsync<InvalidOperationException>().WithMessage("the contracts are broken");
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.Awaiting(s => s.ConnectAsync(IPAddress.Loopback, address.Port, cancellationToken)).Should().ThrowAsync<SocketException>("the host stopped listening");
    }

    /// <summary>Hands the host a load the test controls, and reports where it listens and each request as it enters the pipeline.</summary>
    private sealed class Watch : IStartupFilter
    {
        private readonly TaskCompletionSource<IFeatureCollection> _server = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Into(WebApplicationBuilder builder, Task<MockEngine> loading)
        {
            builder.Services.AddSingleton(new EarlyContractLoad(loading));
            builder.Services.AddSingleton<IStartupFilter>(this);
        }

        /// <summary>The bound address: Kestrel replaces the configured port 0 with the real one once it listens, before the host's start completes.</summary>
        public async Task<string> ListeningAsync(CancellationToken cancellationToken)
        {
            var addresses = (await _server.Task.WaitAsync(cancellationToken)).Get<IServerAddressesFeature>()!.Addresses;
            while (true)
            {
                try
                {
                    if (addresses.FirstOrDefault(a => !a.EndsWith(":0", StringComparison.Ordinal)) is { } bound)
                    {
                        return bound;
                    }
                }
                catch (InvalidOperationException)
                {
                    // Kestrel was rewriting the list as it was read.
                }

                await Task.Delay(1, cancellationToken);
            }
        }

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            _server.TrySetResult(app.ServerFeatures);
            app.Use((context, then) =>
            {
                Arrived.TrySetResult();
                return then(context);
            });
            next(app);
        };
    }
}
