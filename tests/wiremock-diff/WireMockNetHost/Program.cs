using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using WireMock.Handlers;
using WireMock.Server;
using WireMock.Settings;

// Arguments: the loopback port, then the corpus folder (mappings/ and __files/ as WireMock's root holds them).
// WireMock.Net reads WireMock's own mapping format one mapping per file (ReadStaticWireMockOrgMappingAndAddOrUpdate) and
// finds bodyFileName beside its mappings: the corpus is laid out that way in a temporary folder first.
if (args.Length != 2 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
{
    await Console.Error.WriteLineAsync("usage: WireMockNetHost <port> <corpus folder>");
    return 2;
}

var corpus = Path.GetFullPath(args[1]);
var root = Directory.CreateTempSubdirectory("wiremock-net-diff-").FullName;
try
{
    var mappingFolder = Path.Combine(root, "__admin", "mappings");
    foreach (var file in Directory.GetFiles(Path.Combine(corpus, "__files"), "*", SearchOption.AllDirectories))
    {
        var to = Path.Combine(mappingFolder, Path.GetRelativePath(Path.Combine(corpus, "__files"), file));
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(file, to);
    }

    using var server = WireMockServer.Start(new WireMockServerSettings
    {
        Urls = [$"http://127.0.0.1:{port}"],
        StartAdminInterface = true,
        FileSystemHandler = new LocalFileSystemHandler(root),
    });
    var split = Directory.CreateDirectory(Path.Combine(root, "split")).FullName;
    var refused = 0;
    foreach (var file in Directory.GetFiles(Path.Combine(corpus, "mappings"), "*.json").Order(StringComparer.Ordinal))
    {
        var node = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        var mappings = node["mappings"] is JsonArray many ? many.Select(m => m!).ToArray() : [node];
        for (var i = 0; i < mappings.Length; i++)
        {
            var one = Path.Combine(split, $"{Path.GetFileNameWithoutExtension(file)}-{i}.json");
            await File.WriteAllTextAsync(one, mappings[i].ToJsonString());
            try
            {
                server.ReadStaticWireMockOrgMappingAndAddOrUpdate(one);
            }
#pragma warning disable CA1031 // Whatever WireMock.Net throws, the mapping is left out and said so; the suite shows what it changes.
            catch (Exception e)
#pragma warning restore CA1031
            {
                await Console.Error.WriteLineAsync($"WireMock.Net refused {Path.GetFileName(file)} mapping {i}: {e.GetType().Name}: {e.Message}");
                refused++;
            }
        }
    }

    var stopped = new TaskCompletionSource();
    using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        stopped.TrySetResult();
    });
    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
    {
        context.Cancel = true;
        stopped.TrySetResult();
    });
    Console.WriteLine($"WireMock.Net {typeof(WireMockServer).Assembly.GetName().Version} serves {server.Mappings.Count} mappings on {server.Url} ({refused} refused)");
    await stopped.Task;
    server.Stop();
    return 0;
}
finally
{
    Directory.Delete(root, recursive: true);
}
