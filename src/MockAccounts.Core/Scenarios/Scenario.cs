using MockAccounts.Core.Http;
namespace MockAccounts.Core.Scenarios;

/// <summary>
/// A named account state. A plain scenario is one step; a sequence is several, consumed one
/// response per request, the last repeating for ever.
/// </summary>
public sealed record Scenario(string Name, string Description, IReadOnlyList<ResponseStep> Steps)
{
    /// <summary>Whether requests get different steps in turn rather than the same response.</summary>
    public bool IsSequence => Steps.Count > 1 || Steps[0].Repeat > 1;

    /// <summary>
    /// The operation the scenario answers (<c>METHOD /path</c> as served), or null: every operation whose contract
    /// documents the status (our own dialect: the account operation).
    /// </summary>
    public string? Operation { get; init; }

    /// <summary>Whether the scenario was derived from a published spec's responses rather than written in a catalogue.</summary>
    public bool Derived { get; init; }

    /// <summary>The status of the first response, which is what <c>Prefer: code=</c> matches.</summary>
    public int Status => Steps[0].Status;

    /// <summary>How the scenario is listed: sequence, fault, persona (2xx) or error.</summary>
    public ScenarioGroup Group =>
        IsSequence ? ScenarioGroup.Sequence
        : Steps[0].Fault is not null || Steps[0].Delay is not null ? ScenarioGroup.Fault
        : HttpStatus.IsSuccess(Status) ? ScenarioGroup.Persona
        : ScenarioGroup.Error;

    /// <summary>The index from which every request gets the last step (the sequence has ended).</summary>
    public long LastIndex
    {
        get
        {
            // Read for every request of a shared sequence: a loop, not an enumerator.
            var requests = 0L;
            for (var i = 0; i < Steps.Count; i++)
            {
                requests += Steps[i].Repeat;
            }

            return requests - 1;
        }
    }

    /// <summary>The step that answers the request with this 0-based index within the sequence.</summary>
    public ResponseStep StepAt(long requestIndex)
    {
        foreach (var step in Steps)
        {
            if (requestIndex < step.Repeat)
            {
                return step;
            }

            requestIndex -= step.Repeat;
        }

        return Steps[^1];
    }
}
