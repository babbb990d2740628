using System.Globalization;
using System.Runtime.InteropServices;
using MockAccounts.WireMockNet;
using WireMock.Server;
using WireMock.Settings;

// MockAccounts on WireMock.Net as a process of its own, for bench/wiremock-net.sh: a WireMockServer on the loopback port
// given, the vendors added, until SIGTERM. WireMock.Net keeps its request log as long as our journal (10,000 entries;
// its default keeps every request).
var port = int.Parse(args[0], CultureInfo.InvariantCulture);
using var server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port}"], MaxRequestLogCount = 10_000 });
using var mock = await server.AddMockAccountsAsync();
var stopped = new TaskCompletionSource();
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stopped.TrySetResult();
});
await stopped.Task;
server.Stop();
