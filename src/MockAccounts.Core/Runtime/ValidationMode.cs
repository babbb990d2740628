namespace MockAccounts.Core.Runtime;

/// <summary>What the pipeline does with a response that breaks its contract.</summary>
public enum ValidationMode
{
    /// <summary>A contract violation answers 500 with the violations.</summary>
    Strict,

    /// <summary>Violations are reported (log, header) but the response is sent.</summary>
    Warn,

    /// <summary>Responses are not validated.</summary>
    Off,
}
