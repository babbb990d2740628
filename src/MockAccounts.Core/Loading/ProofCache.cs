using System.IO.Hashing;
using MockAccounts.Core.Generation;

namespace MockAccounts.Core.Loading;

/// <summary>
/// Remembers which contract variants were proven (every scenario generated and checked by NJsonSchema),
/// by a hash of their files, this build of MockAccounts.Core and the seed (not the reference time: relative
/// dates keep their format whatever the day, so a proof made at an image build still holds). A start that
/// finds its contracts proven skips the proof and never loads NJsonSchema; any change proves again.
/// Only successes are remembered, as empty files named by the hash; a folder that cannot be written
/// just means every start proves.
/// </summary>
public sealed class ProofCache
{
    /// <summary>The environment variable that moves the cache (a folder) or turns it off (<c>off</c>).</summary>
    public const string EnvironmentVariable = "MOCKACCOUNTS_PROOF_CACHE";

    private static readonly string Build = typeof(ProofCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private ProofCache(string? folder) => Folder = folder;

    /// <summary>Never remembers: every load proves every variant.</summary>
    public static ProofCache Off { get; } = new(null);

    /// <summary>
    /// The user's cache: <c>$MOCKACCOUNTS_PROOF_CACHE</c> when set (<c>off</c> turns it off), else
    /// <c>mockaccounts/proofs</c> under the local application data folder (or the temp folder).
    /// </summary>
    public static ProofCache Default { get; } = FromEnvironment();

    /// <summary>The folder the proofs are remembered in; null when off.</summary>
    public string? Folder { get; }

    /// <summary>A cache in <paramref name="folder"/>.</summary>
    /// <param name="folder">Where to remember proofs; created when first written.</param>
    public static ProofCache In(string folder) => new(folder);

    /// <summary>The key of one variant's proof.</summary>
    /// <remarks>
    /// A 128-bit content hash, not a cryptographic one: the cache guards against stale proofs, not against
    /// someone who can write to it (who could write a proof anyway), and SHA-256 was the process's only use
    /// of OpenSSL, about 5 MB of resident memory in every server.
    /// </remarks>
    internal static string Key(byte[] openApi, byte[] catalogue, GenerationOptions options) => Key(openApi, catalogue, [], options);

    /// <summary>The key of a variant's proof whose spec refers to other files: their content is part of it.</summary>
    internal static string Key(byte[] openApi, byte[] catalogue, IEnumerable<byte[]> others, GenerationOptions options)
    {
        var hash = new XxHash128();
        hash.Append(System.Text.Encoding.UTF8.GetBytes($"{Build}|{options.Seed}|{openApi.Length}|"));
        hash.Append(openApi);
        hash.Append(catalogue);
        foreach (var other in others)
        {
            hash.Append(System.Text.Encoding.UTF8.GetBytes($"|{other.Length}|"));
            hash.Append(other);
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    internal bool Has(string key) => Folder is not null && File.Exists(Path.Combine(Folder, key));

    /// <summary>What a proof remembered beside itself (a published spec's warnings), or null when there is no proof.</summary>
    internal string? Read(string key)
    {
        try
        {
            return Folder is not null && File.Exists(Path.Combine(Folder, key)) ? File.ReadAllText(Path.Combine(Folder, key)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal void Add(string key, string remembered = "")
    {
        if (Folder is null)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(Path.Combine(Folder, key), remembered);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only or full disk: the next start proves again, which is only slower.
        }
    }

    private static ProofCache FromEnvironment()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.Equals(configured, "off", StringComparison.OrdinalIgnoreCase))
        {
            return Off;
        }

        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new ProofCache(configured);
        }

        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return new ProofCache(Path.Combine(string.IsNullOrEmpty(data) ? Path.GetTempPath() : data, "mockaccounts", "proofs"));
    }
}
