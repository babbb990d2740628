using System.Text;
using System.Text.RegularExpressions;

namespace MockAccounts.Core.Loading;

/// <summary>The other files a published spec's relative <c>$ref</c>s bring in: what its proof's key covers and what an import copies.</summary>
public static partial class PublishedSpecFiles
{
    /// <summary>Every file <paramref name="path"/>'s references reach, directly or through other files (absolute paths; remote references left out).</summary>
    /// <param name="path">The spec's file.</param>
    /// <param name="bytes">Its content, as read.</param>
    public static IReadOnlyCollection<string> Referenced(string path, byte[] bytes)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<(string Path, byte[]? Bytes)>([(Path.GetFullPath(path), bytes)]);
        while (pending.TryDequeue(out var next))
        {
            var content = next.Bytes ?? (File.Exists(next.Path) ? File.ReadAllBytes(next.Path) : null);
            if (content is null)
            {
                continue;
            }

            foreach (Match reference in FileReference().Matches(Encoding.UTF8.GetString(content)))
            {
                var file = reference.Groups["file"].Value;
                if (file.Contains("://", StringComparison.Ordinal))
                {
                    continue;
                }

                var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(next.Path)!, Uri.UnescapeDataString(file)));
                if (found.Add(full))
                {
                    pending.Enqueue((full, null));
                }
            }
        }

        return found;
    }

    /// <summary>A relative-file reference in a spec's text (YAML or JSON): <c>$ref: './x.yaml#/y'</c>.</summary>
    [GeneratedRegex("""["']?\$ref["']?\s*:\s*["']?(?<file>[^"'#\s]+\.(?:ya?ml|json))""", RegexOptions.CultureInvariant)]
    private static partial Regex FileReference();
}
