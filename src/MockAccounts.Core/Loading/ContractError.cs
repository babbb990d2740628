namespace MockAccounts.Core.Loading;

/// <summary>One problem in one contract file: where it is and what was expected.</summary>
public sealed record ContractError(string File, string Location, string Message)
{
    public override string ToString() =>
        string.IsNullOrEmpty(Location) ? $"{File}: {Message}" : $"{File}: {Location}: {Message}";
}

/// <summary>Thrown when any contract file is broken; nothing is loaded in that case.</summary>
public sealed class ContractLoadException : Exception
{
    public ContractLoadException(IReadOnlyList<ContractError> errors)
        : base(Describe(errors)) => Errors = errors;

    public ContractLoadException() : this([]) { }

    public ContractLoadException(string message) : base(message) => Errors = [];

    public ContractLoadException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    public IReadOnlyList<ContractError> Errors { get; }

    private static string Describe(IReadOnlyList<ContractError> errors) =>
        $"The contracts did not load ({errors.Count} error{(errors.Count == 1 ? "" : "s")}):"
        + string.Concat(errors.Select(e => Environment.NewLine + "  " + e));
}

/// <summary>A generation hint that cannot be honoured (a broken pointer, a cycle).</summary>
public sealed class ContractException : Exception
{
    public ContractException() { }

    public ContractException(string message) : base(message) { }

    public ContractException(string message, Exception innerException) : base(message, innerException) { }
}
