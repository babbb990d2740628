namespace MockAccounts.Core.Loading;

/// <summary>
/// Which side of an exchange a body schema checks: a property marked <c>readOnly</c> is required of responses
/// only, one marked <c>writeOnly</c> of requests only (OpenAPI 3.0 §4.7.24; 3.1 keeps the meaning).
/// </summary>
internal enum SchemaView
{
    /// <summary>Our own dialect: <c>required</c> as written.</summary>
    AsWritten,

    /// <summary>A response body: <c>writeOnly</c> properties are not required.</summary>
    Response,

    /// <summary>A request body: <c>readOnly</c> properties are not required.</summary>
    Request,
}
