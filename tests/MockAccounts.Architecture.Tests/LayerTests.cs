using ArchUnitNET.Loader;
using FluentAssertions;
using MockAccounts.AspNetCore.Hosting;
using MockAccounts.Core;
using MockAccounts.Testing;

namespace MockAccounts.Architecture.Tests;

/// <summary>The layers of docs/architecture.md, held on the compiled code.</summary>
public class LayerTests
{
    private static readonly ArchUnitNET.Domain.Architecture Code = new ArchLoader()
        .LoadAssemblies(typeof(ContractSnapshot).Assembly, typeof(MockAccountsHost).Assembly, typeof(MockAccountsServer).Assembly)
        .Build();

    [Test]
    public void Core_namespaces_form_no_cycle() =>
        new NamespaceGraph(Code, "MockAccounts.Core").Cycles().Should().BeEmpty("each of these sets of namespaces depends on itself round a cycle");

    [Test]
    public void Core_uses_nothing_of_ASP_NET_Core() =>
        Code.Types.Where(t => t.Namespace.FullName.StartsWith("MockAccounts.Core", StringComparison.Ordinal))
            // A type from outside the loaded assemblies (SharpYaml's, Fare's) may come without a namespace: it is not ASP.NET Core's.
            .SelectMany(t => t.Dependencies.Where(d => d.Target.Namespace?.FullName?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true)
                .Select(d => $"{t.FullName} -> {d.Target.FullName}"))
            .Distinct()
            .Should().BeEmpty("Core decides; only the hosting library speaks HTTP");

    [Test]
    public void Core_uses_nothing_of_the_hosting_library_or_the_fixture() =>
        new NamespaceGraph(Code, "MockAccounts").DependentsOf("MockAccounts.Core", "MockAccounts.AspNetCore")
            .Concat(new NamespaceGraph(Code, "MockAccounts").DependentsOf("MockAccounts.Core", "MockAccounts.Testing"))
            .Should().BeEmpty();
}
