namespace MockAccounts.Core.Loading;

/// <summary>The folders a contract set is read from: contracts, catalogues and, optionally, WireMock stub mappings and their body files.</summary>
public sealed record ContractSources(string SchemasRoot, string MocksRoot)
{
    /// <summary>WireMock mapping files (<c>*.json</c>, one mapping or <c>{"mappings": […]}</c> each); optional.</summary>
    public string? MappingsRoot { get; init; }

    /// <summary>Bodies that mappings name in <c>bodyFileName</c>; optional.</summary>
    public string? FilesRoot { get; init; }

    /// <summary><c>schemas/</c>, <c>mocks/</c>, <c>mappings/</c> and <c>__files/</c> under <paramref name="root"/>.</summary>
    public static ContractSources Under(string root) =>
        new(Path.Combine(root, "schemas"), Path.Combine(root, "mocks"))
        {
            MappingsRoot = Path.Combine(root, "mappings"),
            FilesRoot = Path.Combine(root, "__files"),
        };

    /// <summary>True for a folder holding WireMock mappings but neither <c>schemas/</c> nor <c>mocks/</c>.</summary>
    public bool IsMappingsOnly =>
        !Directory.Exists(SchemasRoot) && !Directory.Exists(MocksRoot) && MappingsRoot is not null && Directory.Exists(MappingsRoot);

    /// <summary>Every folder whose edits should reload the contracts, whether or not it exists yet.</summary>
    public IEnumerable<string> Roots() =>
        new[] { SchemasRoot, MocksRoot, MappingsRoot, FilesRoot }.OfType<string>();
}
