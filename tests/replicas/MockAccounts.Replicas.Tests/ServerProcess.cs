using System.Diagnostics;
using System.Text;

namespace MockAccounts.Replicas.Tests;

/// <summary>
/// The built server executable (src/MockAccounts.Server) as a process of its own on a free loopback port, sharing its state
/// through the Redis that <c>MockAccounts__State__Redis</c> names, as a replica behind a balancer would.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private ServerProcess(Process process, Uri address, string name)
    {
        _process = process;
        Address = address;
        Name = name;
    }

    public Uri Address { get; }

    /// <summary>A name for messages (<c>replica 2 (http://127.0.0.1:41234)</c>).</summary>
    public string Name { get; }

    /// <summary>The server executable: MOCKACCOUNTS_SERVER_EXE, else the Debug build's apphost.</summary>
    public static string Executable =>
        Environment.GetEnvironmentVariable("MOCKACCOUNTS_SERVER_EXE") is { Length: > 0 } exe ? exe
            : Path.Combine(Repository.Root, "src", "MockAccounts.Server", "bin", "Debug", "net10.0", "MockAccounts.Server");

    /// <summary>Starts a replica and returns once its health endpoint answers.</summary>
    public static async Task<ServerProcess> StartAsync(string name, string redis, string prefix, params string[] args)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} does not exist: build src/MockAccounts.Server first (tests/replicas/run.sh does).");
        }

        var port = RedisServer.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["MockAccounts__State__Redis"] = redis;
        info.Environment["MockAccounts__State__Prefix"] = prefix;
        foreach (var argument in (string[])["--urls", address.ToString().TrimEnd('/'), "--MockAccounts:Contracts", Repository.Root,
            "--MockAccounts:HotReload", "false", "--MockAccounts:Journal:KeepCredentials", "true", "--MockAccounts:Journal:Capacity", "100000",
            "--Logging:LogLevel:Default", "Warning", .. args])
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{Executable} did not start.");
        var server = new ServerProcess(process, address, $"{name} ({address})");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (server._errors)
            {
                server._errors.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await probe.GetAsync("/__admin/health")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (process.HasExited || started.Elapsed > StartBound)
            {
                var errors = server.Errors;
                await server.DisposeAsync();
                throw new InvalidOperationException($"{server.Name} did not answer its health endpoint within {StartBound.TotalSeconds:0} s: {errors}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>What the process wrote to standard error so far.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Ends it at once, as a crash or an OOM kill would (SIGKILL: no shutdown, no journal flush).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }
}
