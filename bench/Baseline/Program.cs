using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// Same path, same kind of body (a Runloop account of realistic size), no logic: the ceiling.
// Arguments: the HTTP/1.1 port, then the HTTP/2 (prior knowledge) port.
var body = Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "body.json")).Trim());
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k =>
{
    k.Listen(System.Net.IPAddress.Loopback, int.Parse(args[0], CultureInfo.InvariantCulture), l => l.Protocols = HttpProtocols.Http1);
    k.Listen(System.Net.IPAddress.Loopback, int.Parse(args[1], CultureInfo.InvariantCulture), l => l.Protocols = HttpProtocols.Http2);
});
var app = builder.Build();
app.MapGet("/v1/accounts/me", async context =>
{
    context.Response.ContentType = "application/json";
    context.Response.ContentLength = body.Length;
    await context.Response.Body.WriteAsync(body);
});
app.Run();
