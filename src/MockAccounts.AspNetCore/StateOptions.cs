namespace MockAccounts.AspNetCore;

/// <summary>The <c>MockAccounts:State</c> section: where the state lives when several replicas share it.</summary>
public sealed record StateOptions
{
    /// <summary>The setting that names the Redis (errors and problems name it).</summary>
    public const string RedisSetting = MockAccountsOptions.Section + ":State:Redis";

    /// <summary>The key prefix unless configured otherwise.</summary>
    public const string DefaultPrefix = "mockaccounts:";

    /// <summary>
    /// A StackExchange.Redis configuration string (<c>127.0.0.1:6379,abortConnect=false</c>; a password, <c>ssl=true</c> and
    /// the other TLS options pass through). Set: every replica pointing at that Redis (and <see cref="Prefix"/>) shares scenarios,
    /// bindings, account edits, variants, sequences, stub mappings and the journal. Unset: the process's own state.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>The prefix of every key and channel, so several mocks can share one Redis.</summary>
    public string Prefix { get; set; } = DefaultPrefix;

    /// <summary>How long an admin change waits for every live replica to apply it; past it the answer names those that had not.</summary>
    public TimeSpan ReplicaWait { get; set; } = TimeSpan.FromSeconds(2);
}
