using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MockAccounts.Tests.Support;

/// <summary>
/// Debian's redis-server on a free loopback port, started for the tests that share state through it and stopped with the
/// test process. Never skipped: when it cannot be started, every test that needs it fails saying why (CI installs it:
/// .ci/run). Each test isolates itself with a key prefix of its own.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private static readonly Lazy<RedisServer> Shared = new(() => Start(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The server the test run shares (started on first use).</summary>
    public static RedisServer Instance => Shared.Value;

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string that reaches it.</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false";

    /// <summary>A prefix no other test uses.</summary>
    public static string NewPrefix() => $"test-{Guid.NewGuid():N}:";

    /// <summary>A redis-server of its own on a free port (a test that stops it must not stop everyone's).</summary>
    public static RedisServer Start(int? port = null, params string[] more)
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "redis-server is not installed, and the tests that share state through Redis need it: apt-get install -y redis-server (Debian's, 7.x; .ci/run installs it).");
        var chosen = port ?? FreePort();
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--port", chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes", "--loglevel", "warning", .. more])
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, chosen);
        var deadline = Stopwatch.StartNew();
        while (!server.Answers())
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                server.Dispose();
                throw new InvalidOperationException($"{executable} did not accept connections on 127.0.0.1:{chosen} within 20 s (exit code {(process.HasExited ? process.ExitCode : "none yet")}).");
            }

            Thread.Sleep(20);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    /// <summary>Stops it at once (as a crash would: no save).</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Gone already.
        }

        _process.Dispose();
    }

    /// <summary>A free loopback port (the kernel's choice).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private bool Answers()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            stream.ReadTimeout = 1000;
            return stream.Read(buffer) > 0 && buffer[0] == (byte)'+';
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }
}
