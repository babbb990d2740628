namespace MockAccounts.Core.Scenarios;

/// <summary>A vendor variant's scenarios, in file order.</summary>
public sealed class ScenarioCatalogue
{
    private readonly Dictionary<string, Scenario> _byName;

    /// <param name="malformedCredentialsScenario">Served for a credential of the wrong shape; default: the missing-credentials one.</param>
    /// <param name="defaultScenario">The scenario served when nothing picks another.</param>
    /// <param name="missingCredentialsScenario">The scenario served without usable credentials; null: none (a published spec that documents no 401 gets a problem 401).</param>
    /// <param name="scenarios">Every scenario, in file order.</param>
    /// <param name="bodyRefusal">How invalid request bodies are refused; default: by status, bodies as written.</param>
    public ScenarioCatalogue(string defaultScenario, string? missingCredentialsScenario, IReadOnlyList<Scenario> scenarios, string? malformedCredentialsScenario = null, BodyRefusal? bodyRefusal = null)
    {
        BodyRefusal = bodyRefusal ?? BodyRefusal.ByStatus;
        Scenarios = scenarios;
        _byName = scenarios.ToDictionary(s => s.Name, StringComparer.Ordinal);
        Default = _byName[defaultScenario];
        MissingCredentials = missingCredentialsScenario is null ? null : _byName[missingCredentialsScenario];
        MalformedCredentials = (malformedCredentialsScenario ?? missingCredentialsScenario) is { } malformed ? _byName[malformed] : null;
    }

    /// <summary>Every scenario, in file order.</summary>
    public IReadOnlyList<Scenario> Scenarios { get; }

    /// <summary>How the vendor refuses a request body its operation's contract forbids.</summary>
    public BodyRefusal BodyRefusal { get; }

    /// <summary>Served when no request, token or vendor setting picks another.</summary>
    public Scenario Default { get; }

    /// <summary>Served when credentials are missing or malformed: the vendor's own 401; null when the contract documents none.</summary>
    public Scenario? MissingCredentials { get; }

    /// <summary>Served when a credential does not have the shape its security scheme declares; null when the contract documents none.</summary>
    public Scenario? MalformedCredentials { get; }

    /// <summary>Every scenario name, in file order (for listings and error messages).</summary>
    public IEnumerable<string> Names => Scenarios.Select(s => s.Name);

    /// <summary>The scenario of that name, or null.</summary>
    /// <param name="name">The scenario name.</param>
    public Scenario? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The first plain scenario answering <paramref name="status"/> (Prism's <c>Prefer: code=</c>).</summary>
    public Scenario? FindByStatus(int status) =>
        Scenarios.FirstOrDefault(s => !s.IsSequence && s.Status == status);

    /// <summary>The first plain scenario answering <paramref name="status"/> with the named example, for one operation (<c>METHOD /path</c>).</summary>
    /// <param name="status">The status asked for.</param>
    /// <param name="example">The example asked for (<c>Prefer: example=</c>), or null for none.</param>
    /// <param name="operation">The operation the request reached.</param>
    public Scenario? FindFor(int status, string? example, string operation) =>
        Scenarios.FirstOrDefault(s => !s.IsSequence && s.Status == status && s.Steps[0].Example == example && (s.Operation is null || s.Operation == operation));
}
