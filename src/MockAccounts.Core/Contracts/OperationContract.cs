using System.Text.Json.Nodes;
using MockAccounts.Core.Generation;
using NJsonSchema;

namespace MockAccounts.Core.Contracts;

/// <summary>One operation of a vendor contract: its route, credentials, documented responses and, for actions, what it does.</summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The path template, e.g. <c>/v1/accounts/{id}</c>.</param>
/// <param name="Role">Whether this is the account read or an action.</param>
/// <param name="Security">Alternative security requirements; each inner list holds the credentials one of them needs.</param>
/// <param name="Responses">The documented responses by status code.</param>
/// <param name="Action">What the operation does to the account, for actions; null for the account read.</param>
/// <param name="RequestBody">The documented request body, or null when the operation takes none.</param>
public sealed record OperationContract(
    string Method,
    string Path,
    OperationRole Role,
    IReadOnlyList<IReadOnlyList<CredentialLocation>> Security,
    IReadOnlyDictionary<int, ResponseContract> Responses,
    ActionSpec? Action,
    RequestBodyContract? RequestBody)
{
    /// <summary>The operation as people name it, <c>METHOD /path</c>, for messages and violations.</summary>
    public string Display => $"{Method} {Path}";

    /// <summary>The path as the document writes it, before a server's base path is put in front; null when the same as <see cref="Path"/>.</summary>
    public string? DocumentedPath { get; init; }

    /// <summary>The <c>operationId</c> the document gives, or null.</summary>
    public string? OperationId { get; init; }

    /// <summary>The <c>default</c> response: what every status the operation does not list must keep; null when there is none.</summary>
    public ResponseContract? Fallback { get; init; }

    /// <summary>The response documented for <paramref name="status"/>: its own, else <see cref="Fallback"/>; null when neither.</summary>
    /// <param name="status">The status code.</param>
    public ResponseContract? ResponseFor(int status) => Responses.GetValueOrDefault(status) ?? Fallback;

    /// <summary>The status the operation answers unless a scenario says otherwise: its lowest documented 2xx, else its lowest status.</summary>
    public int DefaultStatus =>
        Responses.Keys.Where(Http.HttpStatus.IsSuccess).DefaultIfEmpty(Responses.Keys.DefaultIfEmpty(200).Min()).Min();

    /// <summary>
    /// Whether <paramref name="scenario"/> is one this operation answers: it is not bound to another operation, and
    /// the operation documents the status (and the named example) of each of its steps.
    /// </summary>
    /// <param name="scenario">A scenario of the operation's variant.</param>
    public bool Answers(Scenarios.Scenario scenario) =>
        (scenario.Operation is null || scenario.Operation == Display)
        && scenario.Steps.All(s => Responses.TryGetValue(s.Status, out var response) && (s.Example is null || response.Example(s.Example) is not null));

    /// <summary>
    /// The step this operation takes for <paramref name="step"/> of <paramref name="scenario"/>: the step itself when
    /// the operation answers it; else its default (lowest documented 2xx). A published spec's scenario that names a
    /// status or example this operation does not document so leaves it as it is.
    /// </summary>
    /// <param name="scenario">The scenario the request is in.</param>
    /// <param name="step">The scenario's step for this request.</param>
    public Scenarios.ResponseStep StepFor(Scenarios.Scenario scenario, Scenarios.ResponseStep step)
    {
        if ((scenario.Operation is not null && scenario.Operation != Display) || !Responses.TryGetValue(step.Status, out var response))
        {
            return PlainStep(DefaultStatus);
        }

        return step.Example is { } example && response.Example(example) is null ? PlainStep(step.Status) : step;
    }

    /// <summary>
    /// One step instance per status: responses are cached by the step's identity, so a step made per request
    /// would never be found again.
    /// </summary>
    private Scenarios.ResponseStep PlainStep(int status) =>
        _plainSteps.GetOrAdd(status, static s => Scenarios.ResponseStep.Plain(s));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Scenarios.ResponseStep> _plainSteps = new();

    /// <summary>The request parameters the operation requires (path parameters aside): a request without one is refused.</summary>
    public IReadOnlyList<ParameterContract> Parameters { get; init; } = [];
}
