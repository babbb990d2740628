using System.IO.Hashing;
using System.Text;

namespace MockAccounts.AspNetCore.Journal;

/// <summary>
/// What the journal keeps of a credential while it does not keep credentials whole: a 128-bit digest under a key
/// drawn once per journal (or, for a journal replicas share, the key they share: <see cref="ISharedJournal.DigestKey"/>),
/// so request patterns can ask "was it exactly this?" and nothing can read it back. XxHash128 (System.IO.Hashing, already loaded) rather than an HMAC: .NET's HMACs on Linux
/// load OpenSSL into the serving process, which was taken out of it for memory (docs/performance.md).
/// </summary>
/// <param name="key">The key; default: drawn now.</param>
internal sealed class CredentialDigest(long? key = null)
{
    private const string Prefix = "digest:";
    private readonly long _key = key ?? BitConverter.ToInt64(Guid.NewGuid().ToByteArray(), 0);

    public string Of(string value)
    {
        Span<byte> hash = stackalloc byte[16];
        XxHash128.Hash(Encoding.UTF8.GetBytes(value), hash, _key);
        return Prefix + Convert.ToHexStringLower(hash);
    }
}
