using System.Text.Json.Nodes;
using MockAccounts.Core.Generation;

namespace MockAccounts.Core.Loading;

/// <summary>Compiles a partial body sent at run time (admin edits), checked against the body schema.</summary>
public static class OverridePatch
{
    /// <returns>The edit, or the problems (JSON pointer and message) that make it unusable.</returns>
    public static (OverrideNode? Edit, IReadOnlyList<(string Pointer, string Message)> Problems) Compile(JsonNode? patch, SchemaNode schema)
    {
        var problems = new List<(string, string)>();
        var edit = OverrideCompiler.Compile(patch, schema, "", (at, message) => problems.Add((at, message)));
        return (problems.Count == 0 ? edit : null, problems);
    }
}
