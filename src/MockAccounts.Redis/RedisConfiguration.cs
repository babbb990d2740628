using System.Text.RegularExpressions;
using MockAccounts.AspNetCore;
using MockAccounts.AspNetCore.Hosting;
using StackExchange.Redis;

namespace MockAccounts.Redis;

/// <summary>
/// <c>MockAccounts:State:Redis</c>: StackExchange.Redis's own configuration string (endpoints, <c>password=</c>,
/// <c>user=</c>, <c>ssl=true</c>, <c>sslHost=</c>, <c>sslProtocols=</c>, …, all passed through), checked at start and
/// shown only with its password redacted.
/// </summary>
internal static partial class RedisConfiguration
{
    public const string Setting = StateOptions.RedisSetting;

    /// <summary>What is wrong with the string, each line naming the setting and never the password.</summary>
    public static IReadOnlyList<string> Problems(string configuration)
    {
        try
        {
            var parsed = ConfigurationOptions.Parse(configuration);
            return parsed.EndPoints.Count == 0
                ? [$"{Setting}: '{Redact(configuration)}' names no Redis server (expected host:port[,option=value…], e.g. 127.0.0.1:6379,abortConnect=false)"]
                : [];
        }
        catch (Exception e) when (e is ArgumentException or FormatException or NotSupportedException)
        {
            return [$"{Setting}: '{Redact(configuration)}' is not a Redis configuration string: {Redact(e.Message)} (expected host:port[,option=value…], e.g. 127.0.0.1:6379,password=…,ssl=true)"];
        }
    }

    /// <summary>The options to connect with: the string's, never aborting when Redis is down at start (the mock serves from its files meanwhile).</summary>
    public static ConfigurationOptions Options(string configuration, string clientName)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ClientName ??= clientName;
        if (!configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            // A start while Redis is down waits this long for it, not the client's five seconds.
            options.ConnectTimeout = 2000;
        }

        // Redis back, a replica retries at a steady pace instead of the client's growing back-off, and notices a lost
        // connection on a quarter-second heartbeat instead of a one-second one.
        options.ReconnectRetryPolicy ??= new LinearRetry(250);
        options.HeartbeatInterval = TimeSpan.FromMilliseconds(250);
        return options;
    }

    /// <summary>The password the configuration string gives, or empty.</summary>
    public static string PasswordOf(string configuration) => ConfigurationOptions.Parse(configuration, ignoreUnknown: true).Password ?? "";

    /// <summary>The string as it may be shown (health, logs, errors): every password replaced by stars.</summary>
    public static string Redact(string text) => Password().Replace(text, "$1*****");

    [GeneratedRegex(@"((?:^|,|\s)\s*password\s*=\s*)[^,]*", RegexOptions.IgnoreCase)]
    private static partial Regex Password();

    /// <summary>Problems with the whole <c>MockAccounts:State</c> section that only the connector can see.</summary>
    public static IReadOnlyList<string> Problems(StateOptions state) => state.Redis is { } redis ? Problems(redis) : [];
}
