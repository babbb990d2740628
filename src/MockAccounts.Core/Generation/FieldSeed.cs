using System.Text;

namespace MockAccounts.Core.Generation;

/// <summary>
/// Stable 64-bit FNV-1a hashing, so every field's randomness depends only on
/// (seed, vendor, token, field) and never on evaluation order or on the process.
/// </summary>
public static class FieldSeed
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>The base seed of one token's bodies at one vendor.</summary>
    /// <param name="seed">The server's generation seed.</param>
    /// <param name="vendor">The vendor name.</param>
    /// <param name="token">The credential the body is for.</param>
    public static ulong Of(int seed, string vendor, string token) =>
        Mix(Mix(Mix(Offset, BitConverter.GetBytes(seed)), vendor), token);

    /// <summary>The seed of one field, from the body's base seed and the field's location.</summary>
    /// <param name="baseSeed">The seed from <see cref="Of"/>.</param>
    /// <param name="pointer">The field's JSON pointer in the body.</param>
    public static ulong ForField(ulong baseSeed, string pointer) => Mix(baseSeed, pointer);

    private static ulong Mix(ulong hash, string text)
    {
        // Hashes the UTF-8 bytes without allocating them for the usual short pointer or token.
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> bytes = max <= 512 ? stackalloc byte[max] : new byte[max];
        var length = Encoding.UTF8.GetBytes(text, bytes);
        return Mix(Mix(hash, bytes[..length]), [0xFF]);
    }

    private static ulong Mix(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}
