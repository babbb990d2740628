namespace MockAccounts.Core.Loading;

/// <summary>Thrown when any contract file is broken; nothing is loaded in that case.</summary>
public sealed class ContractLoadException : Exception
{
    /// <summary>A failed load listing every broken file and place.</summary>
    /// <param name="errors">Every problem the load found.</param>
    public ContractLoadException(IReadOnlyList<ContractError> errors)
        : base(Describe(errors)) => Errors = errors;

    /// <summary>A failed load with no details.</summary>
    public ContractLoadException() : this([]) { }

    /// <summary>A failed load described by <paramref name="message"/> alone.</summary>
    /// <param name="message">What went wrong.</param>
    public ContractLoadException(string message) : base(message) => Errors = [];

    /// <summary>A failed load caused by another exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The exception that caused it.</param>
    public ContractLoadException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>Every problem found, so all broken files can be fixed in one go.</summary>
    public IReadOnlyList<ContractError> Errors { get; }

    private static string Describe(IReadOnlyList<ContractError> errors) =>
        $"The contracts did not load ({errors.Count} error{(errors.Count == 1 ? "" : "s")}):"
        + string.Concat(errors.Select(e => Environment.NewLine + "  " + e));
}
