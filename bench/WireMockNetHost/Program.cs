using System.Globalization;
using System.Runtime.InteropServices;
using MockAccounts.WireMockNet;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

// MockAccounts on WireMock.Net as a process of its own, for bench/wiremock-net.sh: a WireMockServer on the loopback port
// given, the vendors added, until SIGTERM; with "static", WireMock.Net alone, one mapping answering the baseline's bytes
// (WireMock.Net's own cost). WireMock.Net keeps its request log as long as our journal (10,000 entries; its default keeps
// every request).
var port = int.Parse(args[0], CultureInfo.InvariantCulture);
using var server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port}"], MaxRequestLogCount = 10_000 });
using var mock = args is [_, "static"] ? null : await server.AddMockAccountsAsync();
if (mock is null)
{
    var body = await File.ReadAllBytesAsync(args.Length > 2 ? args[2] : "bench/Baseline/body.json");
    server.Given(Request.Create().WithPath("/v1/accounts/me").UsingGet())
        .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));
}

var stopped = new TaskCompletionSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stopped.TrySetResult();
});
await stopped.Task;
server.Stop();
