namespace MockAccounts.Core.Loading;

/// <summary>One problem in one contract file: where it is and what was expected.</summary>
public sealed record ContractError(string File, string Location, string Message)
{
    /// <summary>The error as <c>file: location: message</c>, for logs and exception messages.</summary>
    public override string ToString() =>
        string.IsNullOrEmpty(Location) ? $"{File}: {Message}" : $"{File}: {Location}: {Message}";
}

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

/// <summary>A generation hint that cannot be honoured (a broken pointer, a cycle).</summary>
public sealed class ContractException : Exception
{
    /// <summary>A contract problem with no details.</summary>
    public ContractException() { }

    /// <summary>A contract problem described by <paramref name="message"/>.</summary>
    /// <param name="message">What is wrong with the contract.</param>
    public ContractException(string message) : base(message) { }

    /// <summary>A contract problem caused by another exception.</summary>
    /// <param name="message">What is wrong with the contract.</param>
    /// <param name="innerException">The exception that caused it.</param>
    public ContractException(string message, Exception innerException) : base(message, innerException) { }
}
