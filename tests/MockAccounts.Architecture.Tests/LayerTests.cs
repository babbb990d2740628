using ArchUnitNET.Loader;
using FluentAssertions;
using MockAccounts.AspNetCore.Hosting;
using MockAccounts.Core;
using MockAccounts.Testing;
using MockAccounts.Verification;
using MockAccounts.WireMockNet;

namespace MockAccounts.Architecture.Tests;

/// <summary>The layers of docs/architecture.md, held on the compiled code.</summary>
public class LayerTests
{
    private static readonly ArchUnitNET.Domain.Architecture Code = new ArchLoader()
        .LoadAssemblies(
            typeof(ContractSnapshot).Assembly, typeof(MockAccountsHost).Assembly, typeof(MockAccountsServer).Assembly, typeof(MockAccountsOnWireMock).Assembly,
            typeof(ContractVerifier).Assembly)
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

    [Test]
    public void The_WireMock_Net_host_uses_Core_and_nothing_of_our_ASP_NET_Core_host_or_the_fixture() =>
        new NamespaceGraph(Code, "MockAccounts").DependentsOf("MockAccounts.WireMockNet", "MockAccounts.AspNetCore")
            .Concat(new NamespaceGraph(Code, "MockAccounts").DependentsOf("MockAccounts.WireMockNet", "MockAccounts.Testing"))
            .Should().BeEmpty("WireMock.Net carries the requests; the engine is Core's");

    [Test]
    public void AspNetCore_namespaces_form_no_cycle() =>
        new NamespaceGraph(Code, "MockAccounts.AspNetCore").Cycles().Should().BeEmpty("each of these sets of namespaces depends on itself round a cycle");

    [Test]
    public void The_journal_does_not_use_hosting() =>
        new NamespaceGraph(Code, "MockAccounts.AspNetCore").DependentsOf("MockAccounts.AspNetCore.Journal", "MockAccounts.AspNetCore.Hosting")
            .Should().BeEmpty("the journal is a part the host composes, not the other way round");

    [Test]
    public void Only_hosting_composes_the_parts() =>
        new[] { "Admin", "Vendors", "Journal", "Http" }
            .SelectMany(part => new NamespaceGraph(Code, "MockAccounts.AspNetCore").DependentsOf($"MockAccounts.AspNetCore.{part}", "MockAccounts.AspNetCore.Hosting"))
            .Should().BeEmpty("the admin API, the vendor handler, the journal and the HTTP plumbing are parts; hosting puts them together");

    [Test]
    public void Verification_namespaces_form_no_cycle_and_use_nothing_of_a_host() =>
        new NamespaceGraph(Code, "MockAccounts.Verification").Cycles()
            .Concat(new NamespaceGraph(Code, "MockAccounts").DependentsOf("MockAccounts.Verification", "MockAccounts.AspNetCore"))
            .Should().BeEmpty("verify, record and diff hold contracts to a vendor over HttpClient, with Core's contracts alone");
}
