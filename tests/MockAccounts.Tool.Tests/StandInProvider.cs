using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MockAccounts.Tool.Tests;

/// <summary>
/// A vendor stand-in on a free loopback port: answers every request with what the test says, so verification
/// meets known drift without any real vendor being called.
/// </summary>
internal sealed class StandInProvider : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandInProvider(WebApplication app, Uri address)
    {
        _app = app;
        BaseAddress = address;
    }

    public Uri BaseAddress { get; }

    /// <summary>The base URL as the command line takes it.</summary>
    public string Url => BaseAddress.ToString().TrimEnd('/');

    /// <summary>Every request received, as <c>METHOD /path credential?</c> lines (never the credential itself).</summary>
    public List<string> Received { get; } = [];

    public static async Task<StandInProvider> StartAsync(Func<HttpContext, Task> answer, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        StandInProvider? provider = null;
        app.Run(async context =>
        {
            lock (provider!.Received)
            {
                provider.Received.Add($"{context.Request.Method} {context.Request.Path}");
            }

            await answer(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider = new StandInProvider(app, new Uri(address));
        return provider;
    }

    /// <summary>Writes a JSON answer.</summary>
    public static async Task JsonAsync(HttpContext context, int status, string json, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Whether the request carries a credential the way the contract says: the header, without whitespace in it.</summary>
    public static bool HasCredential(HttpContext context, string header)
    {
        var value = context.Request.Headers[header].ToString();
        var credential = value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..] : value;
        return credential.Length > 0 && !credential.Any(char.IsWhiteSpace);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
