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

    public static int ForField(ulong baseSeed, string pointer)
    {
        var hash = Mix(baseSeed, pointer);
        return (int)(hash ^ (hash >> 32));
    }

    private static ulong Mix(ulong hash, string text) => Mix(Mix(hash, Encoding.UTF8.GetBytes(text)), [0xFF]);

    private static ulong Mix(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}
