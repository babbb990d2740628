using System.Globalization;
using System.Text;

namespace MockAccounts.Bench;

/// <summary>
/// The published spec of the <c>published</c> bench, also read by the quick body check's differential tests: a
/// vendor-like OpenAPI 3.0 YAML, per resource a list, an item, a create and a delete, and every kind of keyword.
/// </summary>
internal static class GeneratedPublishedSpec
{
    /// <summary>The bench's size: 250 resources, 1,000 operations, about 5 MB.</summary>
    public const int Resources = 250;

    /// <summary>A vendor-like OpenAPI 3.0 document: per resource a list, an item, a create and a delete, and two schemas of every kind of keyword.</summary>
    public static string Text(int resources = Resources)
    {
        var text = new StringBuilder();
        text.Append("""
            openapi: 3.0.3
            info:
              title: Big generated API
              version: '1.0'
              description: A generated spec for the load benchmark.
            servers:
              - url: https://api.big.test/v3
            security:
              - key: []
            paths:

            """);
        for (var r = 0; r < resources; r++)
        {
            var name = $"Res{r}";
            text.Append(CultureInfo.InvariantCulture, $$$"""
                  /res{{{r}}}/items:
                    get:
                      operationId: list{{{name}}}
                      parameters:
                        - {name: cursor, in: query, schema: {type: string}}
                        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
                      responses:
                        '200':
                          description: A page of {{{name}}}.
                          content:
                            application/json:
                              schema:
                                type: object
                                required: [results, next]
                                properties:
                                  next: {type: string, format: uri, nullable: true, example: 'https://api.big.test/v3/res{{{r}}}/items?cursor=abc'}
                                  results: {type: array, maxItems: 3, items: {$ref: '#/components/schemas/{{{name}}}'}}
                        '401': {$ref: '#/components/responses/Unauthorized'}
                    post:
                      operationId: create{{{name}}}
                      requestBody:
                        required: true
                        content:
                          application/json:
                            schema: {$ref: '#/components/schemas/{{{name}}}'}
                      responses:
                        '201':
                          description: Created.
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/{{{name}}}'}
                        '422': {$ref: '#/components/responses/Invalid'}
                  /res{{{r}}}/items/{id}:
                    parameters:
                      - {name: id, in: path, required: true, schema: {type: integer, minimum: 1}}
                    get:
                      operationId: get{{{name}}}
                      responses:
                        '200':
                          description: One {{{name}}}.
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/{{{name}}}'}
                              examples:
                                typical:
                                  value: {id: 7, name: typical, status: active, kind: {type: card, last4: '4242'}, amount: 12.5, tags: [a, b], createdAt: '2026-01-02T03:04:05Z', owner: null}
                        '404': {$ref: '#/components/responses/NotFound'}
                    delete:
                      operationId: delete{{{name}}}
                      responses:
                        '204': {description: Deleted.}
                        '404': {$ref: '#/components/responses/NotFound'}

                """);
        }

        text.Append("""
            components:
              securitySchemes:
                key: {type: apiKey, in: header, name: X-Key}
              responses:
                Unauthorized:
                  description: No key.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Error'}
                NotFound:
                  description: Not found.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Error'}
                Invalid:
                  description: Invalid.
                  content:
                    application/problem+json:
                      schema: {$ref: '#/components/schemas/Error'}
              schemas:
                Error:
                  type: object
                  required: [code, message]
                  properties:
                    code: {type: string, pattern: '^[A-Z_]{3,20}$'}
                    message: {type: string, maxLength: 200}
                Card: {type: object, required: [type, last4], properties: {type: {type: string, enum: [card]}, last4: {type: string, pattern: '^[0-9]{4}$'}}}
                Bank: {type: object, required: [type, iban], properties: {type: {type: string, enum: [bank]}, iban: {type: string, minLength: 15, maxLength: 34}}}
                Person: {type: object, required: [name], properties: {name: {type: string}, email: {type: string, format: email}}}

            """);
        for (var r = 0; r < resources; r++)
        {
            text.Append(CultureInfo.InvariantCulture, $$$"""
                    Res{{{r}}}:
                      type: object
                      required: [id, name, status, kind, createdAt]
                      properties:
                        id: {type: integer, minimum: 1, readOnly: true}
                        name: {type: string, minLength: 1, maxLength: 80, example: item-{{{r}}}}
                        status: {type: string, enum: [active, paused, closed]}
                        kind:
                          oneOf:
                            - $ref: '#/components/schemas/Card'
                            - $ref: '#/components/schemas/Bank'
                          discriminator:
                            propertyName: type
                            mapping: {card: '#/components/schemas/Card', bank: '#/components/schemas/Bank'}
                        amount: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 10000, multipleOf: 0.5}
                        tags: {type: array, items: {type: string, enum: [a, b, c, d]}, uniqueItems: true, maxItems: 4}
                        createdAt: {type: string, format: date-time, readOnly: true}
                        updatedAt: {type: string, format: date-time, nullable: true}
                        owner:
                          allOf:
                            - $ref: '#/components/schemas/Person'
                          nullable: true
                        secret: {type: string, writeOnly: true}
                        code{{{r}}}: {type: string, pattern: '^R{{{r}}}-[A-Z]{2}[0-9]{3}$'}
                        notes: {type: string, description: 'Free text about resource {{{r}}}: {{{new string('x', 17_500)}}}'}
                        metadata: {type: object, additionalProperties: {type: string}}

                """);
        }

        return text.ToString();
    }
}
