namespace MockAccounts.AspNetCore.Admin;

/// <summary>WireMock's logged request: one request as the journal recorded it.</summary>
/// <param name="Url">The path and query string.</param>
/// <param name="AbsoluteUrl">The full URL, scheme and host included.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="ClientIp">The caller's address.</param>
/// <param name="Headers">The request headers (credentials redacted unless kept); repeated headers joined with <c>, </c>.</param>
/// <param name="Cookies">Always empty: cookies are not parsed.</param>
/// <param name="BrowserProxyRequest">Always false: the mock is not a proxy.</param>
/// <param name="LoggedDate">When the request was recorded, in Unix milliseconds.</param>
/// <param name="LoggedDateString">The same instant as ISO 8601 UTC (<c>yyyy-MM-ddTHH:mm:ss.fffZ</c>).</param>
/// <param name="Body">The request body as text.</param>
/// <param name="BodyAsBase64">The request body's UTF-8 bytes in base64.</param>
/// <param name="Protocol">The HTTP protocol, e.g. <c>HTTP/1.1</c>.</param>
public sealed record LoggedRequestDto(
    string Url, string AbsoluteUrl, string Method, string ClientIp, IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Cookies, bool BrowserProxyRequest, long LoggedDate, string LoggedDateString,
    string Body, string BodyAsBase64, string Protocol);
