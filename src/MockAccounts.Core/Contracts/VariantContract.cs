using MockAccounts.Core.Scenarios;

namespace MockAccounts.Core.Contracts;

/// <summary>One contract of a vendor (documented, or observed behaviour) with its scenarios.</summary>
public sealed record VariantContract(
    string Vendor,
    string Name,
    string Title,
    string OpenApiJson,
    IReadOnlyList<OperationContract> Operations,
    ScenarioCatalogue Catalogue)
{
    /// <summary>The OpenAPI <c>info.summary</c>: for a further variant, how it differs from the documented one.</summary>
    public string? Summary { get; init; }

    /// <summary>Whether the load found these very files proven before and skipped the proof.</summary>
    internal bool ProofCached { get; init; }

    /// <summary>Whether this is our own dialect or a vendor's published spec.</summary>
    public ContractFormat Format { get; init; } = ContractFormat.Dialect;

    /// <summary>What the contract documents that the mock cannot honour, each naming its file and JSON pointer.</summary>
    public IReadOnlyList<ContractWarning> Warnings { get; init; } = [];

    /// <summary>The operation a catalogue or request names: by <c>operationId</c>, or as <c>METHOD /path</c> (the path as the document writes it, or as served).</summary>
    /// <param name="reference">An operationId or <c>METHOD /path</c>.</param>
    public OperationContract? FindOperation(string reference) =>
        Operations.FirstOrDefault(o => o.OperationId == reference)
        ?? Operations.FirstOrDefault(o => string.Equals(o.Display, reference, StringComparison.Ordinal))
        ?? Operations.FirstOrDefault(o => o.DocumentedPath is { } documented && string.Equals($"{o.Method} {documented}", reference, StringComparison.Ordinal));

    /// <summary>The variant's account operation, the one scenarios answer.</summary>
    public OperationContract Account => Operations.Single(o => o.Role == OperationRole.Account);

    /// <summary>The operation with exactly this method and path template, or null.</summary>
    /// <param name="method">The HTTP method, upper case.</param>
    /// <param name="path">The path template as the contract writes it.</param>
    public OperationContract? FindOperation(string method, string path) =>
        OperationIndex.Find(Operations, method, path);
}
