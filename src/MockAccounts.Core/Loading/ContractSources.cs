namespace MockAccounts.Core.Loading;

/// <summary>The two folders a contract set is read from.</summary>
public sealed record ContractSources(string SchemasRoot, string MocksRoot)
{
    /// <summary><c>schemas/</c> and <c>mocks/</c> under <paramref name="root"/>.</summary>
    public static ContractSources Under(string root) =>
        new(Path.Combine(root, "schemas"), Path.Combine(root, "mocks"));
}
