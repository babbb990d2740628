using System.Globalization;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Http;
using MockAccounts.Core.Scenarios;

namespace MockAccounts.Core.Loading;

/// <summary>
/// The scenarios a published spec gives without a catalogue, as Prism does: each documented status is one
/// (named by its code, <c>404</c>), and each named example of a response another (<c>200-&lt;example&gt;</c>).
/// A scenario answers every operation that documents its status; the default is the lowest documented 2xx,
/// and an operation that does not document the scenario's status answers its own lowest 2xx.
/// </summary>
internal sealed class DerivedScenarios
{
    private DerivedScenarios(IReadOnlyList<Scenario> scenarios, string @default, string? missingCredentials)
    {
        Scenarios = scenarios;
        Default = @default;
        MissingCredentials = missingCredentials;
    }

    /// <summary>The scenarios, by status, each status followed by its named examples.</summary>
    public IReadOnlyList<Scenario> Scenarios { get; }

    /// <summary>The lowest documented 2xx (else the lowest status).</summary>
    public string Default { get; }

    /// <summary><c>401</c> when some operation documents it, else null (a problem 401 answers).</summary>
    public string? MissingCredentials { get; }

    /// <summary>The scenario name of a named example of a status.</summary>
    public static string Name(int status, string? example) =>
        example is null or "" ? status.ToString(CultureInfo.InvariantCulture) : $"{status.ToString(CultureInfo.InvariantCulture)}-{example}";

    public static DerivedScenarios From(IReadOnlyList<OperationContract> operations)
    {
        var scenarios = new List<Scenario>();
        foreach (var status in operations.SelectMany(o => o.Responses.Keys).Distinct().Order())
        {
            var documenting = operations.Where(o => o.Responses.ContainsKey(status)).ToArray();
            var said = documenting.Select(o => o.Responses[status].Description).FirstOrDefault(d => !string.IsNullOrWhiteSpace(d));
            var where = documenting.Length == 1 ? documenting[0].Display : $"{documenting.Length} operations";
            scenarios.Add(new Scenario(Name(status, null), $"{status} {Summary(said, status)} ({where})", [ResponseStep.Plain(status)]) { Derived = true });
            foreach (var example in documenting.SelectMany(o => o.Responses[status].Examples).Select(e => e.Name).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal))
            {
                var holders = documenting.Where(o => o.Responses[status].Example(example) is not null).ToArray();
                var at = holders.Length == 1 ? holders[0].Display : $"{holders.Length} operations";
                scenarios.Add(new Scenario(Name(status, example), $"{status} with the example '{example}' ({at})", [ResponseStep.Plain(status) with { Example = example }]) { Derived = true });
            }
        }

        var statuses = scenarios.Select(s => s.Status).ToArray();
        var success = statuses.Where(HttpStatus.IsSuccess).DefaultIfEmpty(statuses.DefaultIfEmpty(200).Min()).Min();
        return new DerivedScenarios(scenarios, Name(success, null), statuses.Contains(401) ? "401" : null);
    }

    private static string Summary(string? description, int status)
    {
        var text = (description ?? "").Trim().ReplaceLineEndings(" ");
        if (text.Length == 0)
        {
            return HttpStatus.IsSuccess(status) ? "documented response" : "documented error";
        }

        return text.Length <= 80 ? text : text[..77] + "...";
    }
}
