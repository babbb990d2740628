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

    public static ulong Of(int seed, string vendor, string token) =>
        Mix(Mix(Mix(Offset, BitConverter.GetBytes(seed)), vendor), token);

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
