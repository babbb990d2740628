using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace MockAccounts.Core.Mappings;

/// <summary>
/// A request's headers for templates (<c>request.headers.X-Request-Id</c>): looked up by name, case-insensitively,
/// on demand; the core's request offers lookup, not enumeration.
/// </summary>
internal sealed class HeaderLookup(RequestView request) : IReadOnlyDictionary<string, object?>
{
    public object? this[string key] => request.Header(key);

    public IEnumerable<string> Keys => [];

    public IEnumerable<object?> Values => [];

    public int Count => 0;

    public bool ContainsKey(string key) => request.Header(key) is not null;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        value = request.Header(key);
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Enumerable.Empty<KeyValuePair<string, object?>>().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
