namespace MockAccounts.Core.Scenarios;

/// <summary>How a person looks for a scenario: who the account is, what error it gets, what the wire does, or what happens over several requests.</summary>
public enum ScenarioGroup
{
    /// <summary>A 2xx account: a persona.</summary>
    Persona,

    /// <summary>A 4xx or 5xx answer.</summary>
    Error,

    /// <summary>The wire misbehaves: a delay, a reset connection, an empty or malformed body.</summary>
    Fault,

    /// <summary>Several responses in turn, per token.</summary>
    Sequence,
}
