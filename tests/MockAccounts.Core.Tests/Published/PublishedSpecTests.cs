using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;
using MockAccounts.Core.Contracts;
using MockAccounts.Core.Http;
using MockAccounts.Core.Loading;
using MockAccounts.Core.Runtime;
using MockAccounts.Core.Validation;
using MockAccounts.Tests.Support;

namespace MockAccounts.Core.Tests.Published;

/// <summary>
/// A published spec served unchanged (TestData/published: Acme, OpenAPI 3.0 YAML with a relative-file $ref and a
/// catalogue beside it; Tiny, OpenAPI 3.1 JSON): what it documents is what the pipeline serves and enforces.
/// </summary>
[CancelAfter(60_000)]
public sealed class PublishedSpecTests
{
    private const string Key = "acme-key-1";
    private static ContractStore? _store;

    private static ContractStore Store => _store ?? throw new InvalidOperationException("not loaded");

    private static string Folder => Contracts.TestData("published");

    [OneTimeSetUp]
    public async Task LoadAsync() => _store = await ContractStore.LoadAsync([ContractSources.Under(Folder)], Contracts.Options, CancellationToken.None);

    [OneTimeTearDown]
    public void Dispose() => _store?.Dispose();

    private static VariantContract Acme => Store.Current.Variant("acme");

    private static PipelineResult Send(string path, string? prefer = null, string? key = Key, string method = "GET", string? body = null, ServingDefaults? defaults = null, string query = "", Dictionary<string, string>? headers = null)
    {
        var all = new Dictionary<string, string>(headers ?? [], StringComparer.OrdinalIgnoreCase);
        if (key is not null)
        {
            all["X-Acme-Key"] = key;
        }

        if (prefer is not null)
        {
            all["Prefer"] = prefer;
        }

        var pipeline = new MockPipeline(Store, new MockState(), ValidationMode.Strict, defaults: defaults);
        return pipeline.Handle(new MockRequest(method, path, name => all.GetValueOrDefault(name), Encoding.UTF8.GetBytes(body ?? ""), query));
    }

    private static MockResponse Served(PipelineResult result)
    {
        result.Should().BeOfType<Served>($"expected a served response, got {result}");
        var served = (Served)result;
        served.Violations.Should().BeEmpty();
        return served.Response;
    }

    private static JsonNode Body(MockResponse response) => JsonNode.Parse(response.Body)!;

    [Test]
    public void A_yaml_spec_without_a_catalogue_format_is_read_as_published_and_served_under_its_server_base_path_and_the_vendor_prefix()
    {
        Acme.Format.Should().Be(ContractFormat.Published);
        Acme.Account.Display.Should().Be("GET /v2/users/me");
        Store.Current.Contracts.Match("GET", "/v2/users/me")!.Vendor.Name.Should().Be("acme");
        Store.Current.Contracts.Match("GET", "/acme/v2/users/me")!.Prefixed.Should().BeTrue();
        Store.Current.Contracts.Match("GET", "/users/me").Should().BeNull("the server's base path is part of every path");
    }

    [Test]
    public void Documented_statuses_and_named_examples_become_scenarios_and_the_catalogue_adds_its_own_after_them()
    {
        Acme.Catalogue.Names.Should().Equal("200", "200-active", "200-trial", "201", "401", "404", "422", "pro-with-many-seats", "flaky");
        Acme.Catalogue.Default.Name.Should().Be("200");
        Acme.Catalogue.MissingCredentials!.Name.Should().Be("401");
        Store.Current.Variant("tiny").Catalogue.MissingCredentials.Should().BeNull("Tiny documents no 401");
    }

    [Test]
    public void What_cannot_be_honoured_is_a_warning_naming_its_pointer()
    {
        var warnings = Acme.Warnings.Select(w => $"{w.Location}: {w.Message}").ToArray();

        warnings.Should().Contain(w => w.StartsWith("/paths/~1items~1{itemId}/get/responses/200/content/application~1json/schema/properties/rule/if: 'if' is not enforced", StringComparison.Ordinal));
        warnings.Should().Contain(w => w.StartsWith("/paths/~1items~1{itemId}/get/responses/200/content/application~1json/schema/properties/rule/not: 'not' is checked by validation", StringComparison.Ordinal));
        warnings.Should().Contain(w => w.StartsWith("/paths/~1cookie/get/responses/200/content: only text/plain: served without a body", StringComparison.Ordinal));
        warnings.Should().Contain(w => w.StartsWith("/paths/~1users~1me/get/responses/200/examples/broken: the example breaks its schema", StringComparison.Ordinal));
        Acme.Warnings.Should().OnlyContain(w => w.File.EndsWith("openapi.yaml", StringComparison.Ordinal));
    }

    [Test]
    public void The_default_scenario_serves_the_first_example_and_Prefer_example_picks_another()
    {
        Body(Served(Send("/v2/users/me")))["handle"]!.GetValue<string>().Should().Be("ada");
        Body(Served(Send("/v2/users/me", "example=trial")))["handle"]!.GetValue<string>().Should().Be("bob");
        Body(Served(Send("/acme/v2/users/me", "code=200, example=trial")))["handle"]!.GetValue<string>().Should().Be("bob");
    }

    [Test]
    public void An_example_that_breaks_its_schema_is_not_served_and_asking_for_it_is_refused()
    {
        var refused = Send("/v2/users/me", "example=broken");

        refused.Should().BeOfType<Rejected>().Which.Problem.Detail.Should().Be("GET /v2/users/me has no example 'broken' (its named examples: 200 active, 200 trial)");
    }

    [Test]
    public void Prefer_dynamic_and_the_Dynamic_setting_serve_a_body_generated_from_the_schema_that_keeps_it()
    {
        var generated = Served(Send("/v2/users/me", "dynamic=true"));
        var byDefault = Served(Send("/v2/users/me", defaults: new ServingDefaults { Dynamic = true }));

        Body(generated)["handle"]!.GetValue<string>().Should().NotBe("ada");
        Body(generated).ToJsonString().Should().Be(Body(byDefault).ToJsonString());
        Body(generated).AsObject().Should().NotContainKey("secret", "a writeOnly property is never sent in a response");
        Body(Served(Send("/v2/users/me", "dynamic=false", defaults: new ServingDefaults { Dynamic = true })))["handle"]!.GetValue<string>().Should().Be("ada");
        Send("/v2/users/me", "dynamic=maybe").Should().BeOfType<Rejected>().Which.Problem.Status.Should().Be(400);
    }

    [Test]
    public void Prefer_code_reaches_a_documented_status_and_an_undocumented_one_is_refused_naming_the_operations_statuses()
    {
        Served(Send("/v2/users/me", "code=404")).Status.Should().Be(404);
        Send("/v2/users/me", "code=500").Should().BeOfType<Rejected>().Which.Problem.Detail.Should().Be("GET /v2/users/me documents no 500 response (statuses: 200, 401, 404)");
    }

    [Test]
    public void A_vendor_wide_scenario_an_operation_does_not_document_leaves_that_operation_at_its_lowest_2xx()
    {
        var state = new MockState();
        state.SetVendorScenario("acme", "404");
        var pipeline = new MockPipeline(Store, state, ValidationMode.Strict);
        Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Acme-Key"] = Key };

        Served(pipeline.Handle(new MockRequest("GET", "/v2/users/me", n => headers.GetValueOrDefault(n), default))).Status.Should().Be(404);
        Served(pipeline.Handle(new MockRequest("GET", "/v2/public", n => headers.GetValueOrDefault(n), default))).Status.Should().Be(200);
    }

    [Test]
    public void Missing_credentials_get_the_documented_401_and_where_none_is_documented_a_problem_401()
    {
        var documented = Served(Send("/v2/users/me", key: null));
        var undocumented = Send("/v2/items/3", key: null, query: "?expand=all");

        documented.Status.Should().Be(401);
        Body(documented)["message"].Should().NotBeNull("the 401 body comes from the relative-file schema parts/errors.yaml#/Error");
        undocumented.Should().BeOfType<Rejected>().Which.Problem.Should().Match<Responses.Problem>(p => p.Status == 401 && p.Detail == "missing api_key query parameter: GET /v2/items/{itemId} needs credentials (its contract documents no 401 response)");
    }

    [Test]
    public void Credentials_are_read_where_the_security_scheme_says_query_cookie_basic_or_nowhere()
    {
        Served(Send("/v2/items/3", key: null, query: "?expand=all&api_key=q-1")).Status.Should().Be(200);
        Served(Send("/v2/basic", key: null, headers: new() { ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ada:pw")) })).Status.Should().Be(200);
        Send("/v2/basic", key: null, headers: new() { ["Authorization"] = "Bearer nope" }).Should().BeOfType<Rejected>().Which.Problem.Status.Should().Be(401);
        Served(Send("/v2/cookie", key: null, headers: new() { ["Cookie"] = "theme=dark; acme_session=s-1" })).Status.Should().Be(200);
        Served(Send("/v2/public", key: null)).Status.Should().Be(200);
    }

    [Test]
    public void Generated_bodies_keep_multipleOf_exclusive_bounds_minItems_uniqueItems_patterns_lengths_and_required_headers()
    {
        var response = Served(Send("/v2/items/3", key: null, query: "?expand=all&api_key=q-1", prefer: "dynamic=true"));
        var body = Body(response);

        response.Headers.Should().Contain(new KeyValuePair<string, string>("X-Rate-Remaining", "42"));
        var price = body["price"]!.GetValue<decimal>();
        price.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(100);
        (price % 0.5m).Should().Be(0);
        body["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().OnlyHaveUniqueItems().And.HaveCountGreaterThanOrEqualTo(2);
        body["code"]!.GetValue<string>().Should().MatchRegex(@"^[A-Z]{3}-\d{4}$");
        body["note"]!.GetValue<string>().Length.Should().BeInRange(12, 20);
    }

    [Test]
    public void Edge_variation_walks_a_published_spec_without_breaking_multipleOf_exclusive_bounds_or_alternatives()
    {
        var pipeline = new MockPipeline(Store, new MockState(), ValidationMode.Strict);
        Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Acme-Key"] = "edges-key", ["Prefer"] = "variation=edges" };

        for (var i = 0; i < 60; i++)
        {
            Served(pipeline.Handle(new MockRequest("GET", "/v2/items/3", n => headers.GetValueOrDefault(n), default, "?expand=all&api_key=edges-key"))).Status.Should().Be(200);
            Served(pipeline.Handle(new MockRequest("GET", "/v2/users/me", n => headers.GetValueOrDefault(n), default))).Status.Should().Be(200);
        }
    }

    [Test]
    public void Parameters_are_checked_before_answering_a_wrong_one_gets_a_problem_naming_it()
    {
        var missing = Send("/v2/items/3", key: null, query: "?api_key=q-1");
        var wrongType = Send("/v2/items/abc", key: null, query: "?expand=all&api_key=q-1");

        missing.Should().BeOfType<Rejected>().Which.Problem.Detail.Should().Be("GET /v2/items/{itemId}: query.expand is required");
        wrongType.Should().BeOfType<Rejected>().Which.Problem.Detail.Should().Be("GET /v2/items/{itemId}: path.itemId does not keep its schema");
    }

    [Test]
    public void A_request_body_that_breaks_the_schema_gets_the_documented_422_and_readOnly_properties_are_not_required_of_it()
    {
        var invalid = Served(Send("/v2/users", method: "POST", body: """{"handle": 5}"""));
        var valid = Served(Send("/v2/users", method: "POST", body: """{"handle": "ada", "secret": "s3", "plan": {"kind": "free"}}"""));

        invalid.Status.Should().Be(422);
        invalid.Headers.Should().Contain(new KeyValuePair<string, string>("Content-Type", "application/problem+json"));
        valid.Status.Should().Be(201);
    }

    [Test]
    public void A_request_body_that_names_a_property_twice_is_refused_with_the_documented_refusal_not_a_failure()
    {
        // Before, describing NJsonSchema's refusal threw on the repeated name (an ArgumentException: the server's 500).
        var twice = Served(Send("/v2/users", method: "POST", body: """{"handle": "ada", "handle": 5, "secret": "s3", "plan": {"kind": "free"}}"""));

        twice.Status.Should().Be(422, "createUser documents no 400, so a malformed body gets its 422");
        twice.Headers.Should().Contain(new KeyValuePair<string, string>("Content-Type", "application/problem+json"));
    }

    [Test]
    public void A_catalogue_beside_the_spec_adds_personas_and_sequences_for_the_operation_it_names()
    {
        var state = new MockState();
        var pipeline = new MockPipeline(Store, state, ValidationMode.Strict);
        Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase) { ["X-Acme-Key"] = Key, ["Prefer"] = "scenario=pro-with-many-seats" };
        Dictionary<string, string> flaky = new(StringComparer.OrdinalIgnoreCase) { ["X-Acme-Key"] = "flaky-key", ["Prefer"] = "scenario=flaky" };

        Body(Served(pipeline.Handle(new MockRequest("GET", "/v2/users/me", n => headers.GetValueOrDefault(n), default))))["plan"]!["seats"]!.GetValue<int>().Should().Be(40);
        Served(pipeline.Handle(new MockRequest("GET", "/v2/users/me", n => flaky.GetValueOrDefault(n), default))).Status.Should().Be(404);
        Served(pipeline.Handle(new MockRequest("GET", "/v2/users/me", n => flaky.GetValueOrDefault(n), default))).Status.Should().Be(200);
        pipeline.Handle(new MockRequest("GET", "/v2/public", n => headers.GetValueOrDefault(n), default))
            .Should().BeOfType<Rejected>().Which.Problem.Detail.Should().StartWith("GET /v2/public does not answer scenario 'pro-with-many-seats'");
    }

    [Test]
    public void OpenAPI_3_1_const_type_arrays_exclusive_numbers_and_ref_siblings_are_generated_and_validated_as_written()
    {
        var tiny = Store.Current.Variant("tiny");
        var operation = tiny.Operations.Single();

        var body = Body(Served(Send("/tiny", key: null)));
        body["version"]!.GetValue<int>().Should().Be(2);
        body["limited"]!.GetValue<string>().Length.Should().BeInRange(2, 4);
        ResponseValidator.Validate(operation, 200, [], """{"version": 3, "name": null, "maybe": null, "limited": "ab"}"""u8, independently: true).Should().ContainSingle(v => v.Pointer == "/version");
        ResponseValidator.Validate(operation, 200, [], """{"version": 2, "name": null, "maybe": 5, "limited": "ab"}"""u8, independently: true).Should().NotBeEmpty("exclusiveMaximum 5");
        ResponseValidator.Validate(operation, 200, [], """{"version": 2, "name": null, "maybe": 4, "limited": "abcde"}"""u8, independently: true).Should().NotBeEmpty("maxLength beside the $ref applies in 3.1");
        ResponseValidator.Validate(operation, 200, [], """{"version": 2, "name": null, "maybe": 4, "limited": "abcd"}"""u8, independently: true).Should().BeEmpty();
    }

    [Test]
    public void OpenAPI_3_0_nullable_allows_null_beside_allOf_and_boolean_exclusive_bounds_exclude_the_bound()
    {
        var me = Acme.Account;
        const string Valid = """{"id": 1, "handle": "a", "plan": {"kind": "free"}, "manager": null, "nickname": null, "score": 9}""";

        ResponseValidator.Validate(me, 200, [], Encoding.UTF8.GetBytes(Valid), independently: true).Should().BeEmpty();
        ResponseValidator.Validate(me, 200, [], Encoding.UTF8.GetBytes(Valid.Replace("\"score\": 9", "\"score\": 10", StringComparison.Ordinal)), independently: true).Should().NotBeEmpty();
        ResponseValidator.Validate(me, 200, [], Encoding.UTF8.GetBytes(Valid.Replace("\"handle\": \"a\"", "\"handle\": null", StringComparison.Ordinal)), independently: true).Should().NotBeEmpty();
    }

    [Test]
    public async Task An_openapi_json_is_our_dialect_only_with_our_x_mock_extension_and_two_contracts_in_one_folder_are_an_error()
    {
        var root = Repository.CopyOf(Folder);
        File.Copy(Path.Combine(root, "schemas", "tiny", "openapi.json"), Path.Combine(root, "schemas", "tiny", "openapi.yaml"));

        var load = () => ContractSnapshot.LoadAsync(ContractSources.Under(root), Contracts.Options);

        (await load.Should().ThrowAsync<ContractLoadException>()).Which.Errors.Should().ContainSingle(e => e.Message == "two contracts (openapi.json, openapi.yaml): keep one");
        Store.Current.Variant("tiny").Format.Should().Be(ContractFormat.Published);
        Contracts.Engine.Contracts.Vendors.Values.Should().OnlyContain(v => v.Documented.Format == ContractFormat.Dialect, "our four vendors carry x-mock");
    }

    [Test]
    public async Task A_schema_no_value_keeps_is_an_error_naming_its_pointer()
    {
        var root = Repository.CopyOf(Folder);
        var spec = Path.Combine(root, "schemas", "acme", "openapi.yaml");
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("seats: {type: integer, minimum: 1, maximum: 50}", "seats: {type: integer, minimum: 51, maximum: 50}", StringComparison.Ordinal));

        var load = () => ContractSnapshot.LoadAsync(ContractSources.Under(root), Contracts.Options);

        (await load.Should().ThrowAsync<ContractLoadException>()).Which.Errors.Should().ContainSingle(e =>
            e.Location == "/components/schemas/ProPlan/properties/seats" && e.Message == "no value keeps this schema: minimum 51 is above maximum 50");
    }

    [Test]
    public async Task A_proven_spec_loads_again_without_its_proof_and_says_the_same_warnings_and_a_changed_referenced_file_is_proven_again()
    {
        var root = Repository.CopyOf(Folder);
        var cache = ProofCache.In(Path.Combine(Path.GetTempPath(), "mockaccounts-tests", "proofs-" + Guid.NewGuid().ToString("N")));
        Task<ContractSnapshot> LoadAsync() => ContractSnapshot.LoadAsync([ContractSources.Under(root)], Contracts.Options, cache);

        var first = (await LoadAsync()).Variant("acme");
        var second = (await LoadAsync()).Variant("acme");
        File.AppendAllText(Path.Combine(root, "schemas", "acme", "parts", "errors.yaml"), "Extra: {type: string}\n");
        var third = (await LoadAsync()).Variant("acme");

        first.ProofCached.Should().BeFalse();
        second.ProofCached.Should().BeTrue();
        second.Warnings.Should().Equal(first.Warnings);
        second.Catalogue.Names.Should().Equal(first.Catalogue.Names);
        third.ProofCached.Should().BeFalse("the spec refers to parts/errors.yaml, which changed");
    }
}
