using FluentAssertions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Loading;
using MockAccounts.Tests.Support;

namespace MockAccounts.Core.Tests;

/// <summary>
/// Operations, security and headers are read from the documents' JSON (so a start on a cached proof needs no
/// Microsoft.OpenApi): what that reading finds must be what Microsoft.OpenApi finds in the same documents.
/// </summary>
public sealed class OpenApiReadingTests
{
    private static IEnumerable<TestCaseData> Documents() =>
        new[] { Repository.Root, Contracts.TestData("fifth-vendor") }
            .SelectMany(root => Directory.GetFiles(Path.Combine(root, "schemas"), "openapi.json", SearchOption.AllDirectories))
            .Select(path => new TestCaseData(path).SetArgDisplayNames(Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(path))!, path)));

    [TestCaseSource(nameof(Documents))]
    public async Task Operations_credentials_and_required_headers_are_the_ones_microsoft_openapi_reads(string path)
    {
        var vendor = VendorOf(path);
        var snapshot = await ContractSnapshot.LoadAsync(ContractSources.Under(RootOf(path)), Contracts.Options);
        var ours = snapshot.Contracts.Vendors[vendor].Variants.Values.Single(v => SameFile(v, path, vendor));
        var theirs = OpenApiDocument.Parse(await File.ReadAllTextAsync(path), "json", new OpenApiReaderSettings()).Document!;

        ours.Title.Should().Be(theirs.Info.Title);
        ours.Summary.Should().Be(theirs.Info.Summary);
        Describe(ours.Operations).Should().BeEquivalentTo(Describe(theirs), options => options.WithStrictOrdering());
    }

    private static string[] Describe(IEnumerable<OperationContract> operations) =>
        operations.Select(o => string.Join(" | ",
            $"{o.Method} {o.Path}",
            "security " + string.Join(" or ", o.Security.Select(alternative => "[" + string.Join(", ", alternative.Select(c => $"{c.Kind} {c.HeaderName}")) + "]")),
            "responses " + string.Join(", ", o.Responses.Values.Select(r => $"{r.Status} (headers: {string.Join(", ", r.RequiredHeaders)}; body: {r.Body is not null})")),
            $"request body: {(o.RequestBody is null ? "none" : o.RequestBody.Required ? "required" : "optional")}")).ToArray();

    private static string[] Describe(OpenApiDocument document) =>
        document.Paths.SelectMany(path => (path.Value.Operations ?? []).Select(operation => string.Join(" | ",
            $"{operation.Key.Method.ToUpperInvariant()} {path.Key}",
            "security " + string.Join(" or ", (operation.Value.Security ?? document.Security ?? []).Select(requirement => "[" + string.Join(", ", requirement.Keys.Select(Credential)) + "]")),
            "responses " + string.Join(", ", (operation.Value.Responses ?? []).Select(r => $"{r.Key} (headers: {string.Join(", ", (r.Value.Headers ?? new Dictionary<string, IOpenApiHeader>()).Where(h => h.Value.Required).Select(h => h.Key))}; body: {r.Value.Content?.ContainsKey("application/json") == true && r.Value.Content["application/json"].Schema is not null})")),
            $"request body: {(operation.Value.RequestBody?.Content?.ContainsKey("application/json") != true ? "none" : operation.Value.RequestBody.Required ? "required" : "optional")}"))).ToArray();

    private static string Credential(OpenApiSecuritySchemeReference scheme) =>
        scheme.Type == SecuritySchemeType.Http ? $"{CredentialKind.Bearer} Authorization" : $"{CredentialKind.ApiKeyHeader} {scheme.Name}";

    private static string RootOf(string path)
    {
        // Bounded by the path's depth: past the file system's root there is no parent, and the walk ends.
        var dir = Path.GetDirectoryName(path);
        while (dir is not null && Path.GetFileName(dir) != "schemas")
        {
            dir = Path.GetDirectoryName(dir);
        }

        return Path.GetDirectoryName(dir ?? throw new InvalidOperationException($"{path} is not under a schemas/ folder"))!;
    }

    private static string VendorOf(string path) =>
        Path.GetRelativePath(Path.Combine(RootOf(path), "schemas"), path).Split(Path.DirectorySeparatorChar)[0];

    private static bool SameFile(VariantContract variant, string path, string vendor) =>
        variant.Name == VendorContract.DocumentedVariant
            ? Path.GetFileName(Path.GetDirectoryName(path)) == vendor
            : Path.GetFileName(Path.GetDirectoryName(path)) == variant.Name;
}
