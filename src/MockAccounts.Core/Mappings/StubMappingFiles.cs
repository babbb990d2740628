using System.Text.Json;
using System.Text.Json.Nodes;
using MockAccounts.Core.Loading;

namespace MockAccounts.Core.Mappings;

/// <summary>
/// Stub mappings on disk: every <c>*.json</c> under a contract folder's <c>mappings/</c> (one mapping, or
/// <c>{"mappings": […]}</c>), bodies from <c>__files/</c>; and saving admin-made mappings back to a folder.
/// </summary>
public static class StubMappingFiles
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Reads a <c>bodyFileName</c> from the sources' <c>__files/</c>, later folders first (as later vendors replace earlier ones).</summary>
    public static Func<string, byte[]?> BodyFiles(IReadOnlyList<ContractSources> sources) => name =>
    {
        foreach (var root in sources.Reverse().Select(s => s.FilesRoot).OfType<string>())
        {
            var path = Path.GetFullPath(Path.Combine(root, name));
            if (path.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) && File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }

        return null;
    };

    /// <summary>Every mapping file under the sources, in folder then file-name order; problems name the file.</summary>
    public static async Task<IReadOnlyList<StubMapping>> LoadAsync(IReadOnlyList<ContractSources> sources, List<ContractError> errors, CancellationToken cancellationToken)
    {
        var bodyFiles = BodyFiles(sources);
        var mappings = new List<StubMapping>();
        foreach (var root in sources.Select(s => s.MappingsRoot).OfType<string>().Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var (_, json) = await JsonFile.ReadAsync(file, (at, message) => errors.Add(new ContractError(file, at, message)), cancellationToken);
                if (json is null)
                {
                    continue;
                }

                var many = json["mappings"] is JsonArray list && !json.ContainsKey("request");
                var items = many ? ((JsonArray)json["mappings"]!).ToArray() : [json];
                for (var i = 0; i < items.Length; i++)
                {
                    var problems = new List<string>();
                    if (StubMappingParser.Parse(items[i], bodyFiles, problems) is { } mapping)
                    {
                        mappings.Add(mapping with { SourceFile = file, InsertionIndex = mappings.Count });
                    }

                    errors.AddRange(problems.Select(p => new ContractError(file, many ? $"mappings[{i}]" : "", p)));
                }
            }
        }

        var duplicate = mappings.GroupBy(m => m.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            errors.Add(new ContractError(string.Join(", ", duplicate.Select(m => m.SourceFile).Distinct()), "id", $"{duplicate.Key} is the id of more than one mapping"));
        }

        return mappings;
    }

    /// <summary>Writes each mapping to <c>&lt;folder&gt;/&lt;id&gt;.json</c>; returns the files written.</summary>
    public static async Task<IReadOnlyList<string>> SaveAsync(string folder, IEnumerable<StubMapping> mappings, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var mapping in mappings)
        {
            var path = Path.Combine(folder, $"{mapping.Id}.json");
            var json = (JsonObject)mapping.Json.DeepClone();
            json["persistent"] = true;
            // Written whole to a temporary name first: a watcher never sees half a mapping.
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, json.ToJsonString(Indented), cancellationToken);
            File.Move(temporary, path, overwrite: true);
            written.Add(path);
        }

        return written;
    }
}
