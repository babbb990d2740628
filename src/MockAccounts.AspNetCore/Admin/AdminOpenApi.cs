using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Generation;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;

namespace MockAccounts.AspNetCore.Admin;

/// <summary>
/// <c>GET /__admin/openapi.json</c>: an OpenAPI 3.1 description of the admin API, written from the
/// running app's endpoints (paths, methods, path and query parameters, summaries, response statuses),
/// so it cannot list a route that does not exist or miss one that does.
/// </summary>
internal static class AdminOpenApi
{
    private const string KeyScheme = "adminKey";

    public static RouteHandlerBuilder MapAdminOpenApi(this RouteGroupBuilder admin) =>
        admin.MapGet("/openapi.json", (AdminRoutes routes) => TypedResults.Text(Document(routes.All()).ToJsonString(), "application/json"))
            .WithSummary("This document: the admin API in OpenAPI 3.1");

    public static JsonObject Document(IReadOnlyList<AdminRoute> routes)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var route in routes.Where(r => r.Documented))
        {
            var item = new JsonObject();
            var pathParameters = route.Endpoints[0].RoutePattern.Parameters.Select(p => p.Name).ToArray();
            if (pathParameters.Length > 0)
            {
                item["parameters"] = new JsonArray(pathParameters.Select(name => (JsonNode)new JsonObject
                {
                    ["name"] = name,
                    ["in"] = "path",
                    ["required"] = true,
                    ["schema"] = new JsonObject { ["type"] = "string" },
                }).ToArray());
            }

            foreach (var endpoint in route.Endpoints)
            {
                foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                {
                    item[method.ToLowerInvariant()] = Operation(method, route.Pattern, endpoint, pathParameters, schemas);
                }
            }

            paths[OpenApiPath(route.Endpoints[0].RoutePattern)] = item;
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "MockAccounts admin API",
                ["version"] = typeof(AdminOpenApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0",
                ["description"] = "Switch vendor scenarios and variants, bind scenarios to tokens, edit accounts, read the request journal. " +
                    "WireMock's paths and shapes where WireMock has the feature. Errors are application/problem+json naming the valid options. " +
                    "Add ?pretty (or send Accept: text/plain) for indented output.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    [KeyScheme] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["description"] = "Needed only when the server runs with MockAccounts:Admin:Key; health never needs it.",
                    },
                },
            },
        };
    }

    private static JsonObject Operation(string method, string pattern, RouteEndpoint endpoint, string[] pathParameters, JsonObject schemas)
    {
        var operation = new JsonObject
        {
            ["operationId"] = OperationId(method, pattern),
            ["summary"] = endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary ?? $"{method} {pattern}",
        };

        var query = QueryParameters(endpoint, pathParameters);
        if (query.Count > 0)
        {
            operation["parameters"] = query;
        }

        if (endpoint.Metadata.GetMetadata<AdminRequestBody>() is { } body)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = !body.IsOptional,
                ["content"] = new JsonObject
                {
                    [AdminBody.ContentType] = new JsonObject
                    {
                        // Mappings, request patterns and account edits are WireMock's or the vendor's own JSON, described in the summary.
                        ["schema"] = body.Type == typeof(JsonObject) ? new JsonObject { ["type"] = "object" } : SchemaOf(body.Type, schemas),
                    },
                },
            };
        }

        var responses = new JsonObject();
        foreach (var produced in endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().DistinctBy(p => p.StatusCode))
        {
            var response = new JsonObject { ["description"] = "Done" };
            if (produced.Type is { } type && type != typeof(void) && !type.IsAssignableTo(typeof(IResult)))
            {
                response["description"] = type.Name.Replace("Dto", "", StringComparison.Ordinal);
                response["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = SchemaOf(type, schemas) } };
            }

            responses[produced.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }

        if (!responses.ContainsKey("200"))
        {
            responses["200"] = new JsonObject { ["description"] = "Done" };
        }

        responses["default"] = new JsonObject
        {
            ["description"] = "A problem (RFC 9457) naming what was wrong and the valid options",
            ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
        };
        operation["responses"] = responses;
        if (endpoint.Metadata.GetMetadata<AdminKeyRequiredMetadata>() is not null)
        {
            operation["security"] = new JsonArray(new JsonObject { [KeyScheme] = new JsonArray() });
        }

        return operation;
    }

    /// <summary>
    /// A reference to the response type's JSON Schema, generated by NJsonSchema with the API's own JSON naming;
    /// the schemas it depends on join the document's components.
    /// </summary>
    private static JsonObject SchemaOf(Type type, JsonObject schemas)
    {
        if (!schemas.ContainsKey(type.Name))
        {
            var settings = new JsonSchemaGeneratorSettings
            {
                SerializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web),
                SchemaType = SchemaType.JsonSchema,
                FlattenInheritanceHierarchy = true,
                // Answers gain fields over time; a generated client must not reject them.
                AlwaysAllowAdditionalObjectProperties = true,
            };
            var schema = JsonNode.Parse(JsonSchema.FromType(type, settings).ToJson().Replace("#/definitions/", "#/components/schemas/", StringComparison.Ordinal))!.AsObject();
            schema.Remove("$schema");
            if (schema["definitions"] is JsonObject definitions)
            {
                schema.Remove("definitions");
                foreach (var (name, definition) in definitions.ToArray())
                {
                    definitions.Remove(name);
                    schemas[name] ??= name switch
                    {
                        // A vendor body passed through as it is: any JSON, not the JsonNode class's members.
                        nameof(JsonNode) => new JsonObject { ["description"] = "Any JSON value: the vendor's body as sent" },
                        _ => definition,
                    };
                }

                schemas.Remove(nameof(JsonNodeOptions));
            }

            schemas[type.Name] = schema;
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" };
    }

    /// <summary>The handler's simple parameters that are not in the path: bound from the query string.</summary>
    private static JsonArray QueryParameters(RouteEndpoint endpoint, string[] pathParameters)
    {
        var handler = endpoint.Metadata.GetMetadata<MethodInfo>();
        var query = new JsonArray();
        foreach (var parameter in handler?.GetParameters() ?? [])
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (parameter.Name is { } name && !pathParameters.Contains(name, StringComparer.OrdinalIgnoreCase) && (type.IsPrimitive || type == typeof(string)))
            {
                query.Add(new JsonObject
                {
                    ["name"] = name,
                    ["in"] = "query",
                    ["required"] = false,
                    ["schema"] = new JsonObject { ["type"] = type == typeof(string) ? "string" : type == typeof(bool) ? "boolean" : "integer" },
                });
            }
        }

        return query;
    }

    private static string OpenApiPath(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            _ => "",
        })))) + (pattern.PathSegments.Count == 1 ? "/" : "");

    private static string OperationId(string method, string pattern)
    {
        var words = pattern[AdminRoutes.Prefix.Length..].Split('/', '-', '.', '{', '}').Where(p => p.Length > 0).ToArray();
        return method.ToLowerInvariant() + (words.Length == 0 ? "Dashboard" : string.Concat(words.Select(p => char.ToUpperInvariant(p[0]) + p[1..])));
    }
}
