using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MockAccounts.AspNetCore.Hosting;

namespace MockAccounts.Server.Tests;

/// <summary>A host started while its contracts load: it holds early requests until they are in, and goes away if they never come.</summary>
public sealed class StartWhileLoadingTests
{
    [Test]
    public async Task A_request_that_arrives_while_the_contracts_load_waits_for_them_and_is_answered()
    {
        var watched = Watched();
        var options = MockAccountsHost.ReadOptions(watched.Builder.Configuration);
        using var runtime = await MockAccountsRuntime.CreateAsync(options);
        var loading = new TaskCompletionSource<MockAccountsRuntime>();

        var starting = MockAccountsHost.StartWhileLoadingAsync(watched.Builder, options, loading.Task, watchContracts: false, loggerFactory: null);
        var address = await watched.Listening.Task;
        using var client = new HttpClient(new ContractCheckingHandler(runtime.Contracts) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", "rl_early");
        var answer = client.GetAsync(new Uri("/v1/accounts/me", UriKind.Relative));
        await watched.Arrived.Task;

        starting.IsCompleted.Should().BeFalse("the host returns only once its contracts are in");
        answer.IsCompleted.Should().BeFalse("a request that arrived before the contracts waits for them");
        loading.SetResult(runtime);
        await using var app = await starting;
        using var response = await answer;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        runtime.Journal.Snapshot().Should().ContainSingle().Which.Token.Should().Be("rl_early");
        await app.StopAsync();
    }

    [Test]
    public async Task A_load_that_fails_after_the_host_started_stops_it_and_throws_the_load_error()
    {
        var watched = Watched();
        var options = MockAccountsHost.ReadOptions(watched.Builder.Configuration);
        var loading = new TaskCompletionSource<MockAccountsRuntime>();

        var starting = MockAccountsHost.StartWhileLoadingAsync(watched.Builder, options, loading.Task, watchContracts: true, loggerFactory: null);
        var address = new Uri(await watched.Listening.Task);
        loading.SetException(new InvalidOperationException("the contracts are broken"));

        await starting.Awaiting(s => s).Should().ThrowAsync<InvalidOperationException>().WithMessage("the contracts are broken");
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.Awaiting(s => s.ConnectAsync(IPAddress.Loopback, address.Port)).Should().ThrowAsync<SocketException>("the host stopped listening");
    }

    /// <summary>A builder whose host reports where it listens once started, and each request as it enters the pipeline.</summary>
    private static Watch Watched()
    {
        var builder = MockAccountsHost.CreateBuilder(
        [
            "--urls", "http://127.0.0.1:0",
            "--MockAccounts:Contracts", Repository.Root,
            "--MockAccounts:HotReload", "false",
            "--MockAccounts:ReferenceTime", "2026-11-22T00:00:00Z",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        var watch = new Watch(builder);
        builder.Services.AddSingleton<IStartupFilter>(watch);
        return watch;
    }

    private sealed class Watch(WebApplicationBuilder builder) : IStartupFilter
    {
        public WebApplicationBuilder Builder { get; } = builder;

        public TaskCompletionSource<string> Listening { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(
                () => Listening.TrySetResult(app.ServerFeatures.Get<IServerAddressesFeature>()!.Addresses.First()));
            app.Use((context, then) =>
            {
                Arrived.TrySetResult();
                return then(context);
            });
            next(app);
        };
    }
}
