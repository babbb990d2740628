using System.Globalization;
using System.Security.Cryptography;
using HandlebarsDotNet;

namespace MockAccounts.Core.Mappings;

/// <summary>
/// A response-template text compiled once by Handlebars.Net, with WireMock's common helpers:
/// <c>jsonPath</c>, <c>now</c> (format, offset) and <c>randomValue</c> (length, type, uppercase);
/// the model offers <c>request.url</c>, <c>path</c>, <c>pathSegments</c>, <c>method</c>, <c>body</c>,
/// <c>query.&lt;name&gt;</c>, <c>headers.&lt;name&gt;</c> and <c>cookies.&lt;name&gt;</c>.
/// </summary>
public sealed class StubTemplate
{
    private const string Alphabetic = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Numeric = "0123456789";
    private const string Symbols = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static readonly IHandlebars Environment = CreateEnvironment();

    // Helpers are static; the clock of the render in progress on this thread (renders are synchronous).
    [ThreadStatic]
    private static TimeProvider? t_time;

    private readonly HandlebarsTemplate<object, object> _render;

    private StubTemplate(HandlebarsTemplate<object, object> render) => _render = render;

    /// <summary>Compiles <paramref name="text"/>; a syntax error is named in <paramref name="problems"/>.</summary>
    public static StubTemplate? Compile(string text, string where, List<string> problems)
    {
        try
        {
            return new StubTemplate(Environment.Compile(text));
        }
        catch (HandlebarsException e)
        {
            problems.Add($"{where}: not a valid response template ({e.Message})");
            return null;
        }
    }

    /// <summary>The template rendered for one request.</summary>
    /// <param name="model">The request model from <see cref="Model"/>.</param>
    /// <param name="time">The clock <c>now</c> reads.</param>
    public string Render(object model, TimeProvider time)
    {
        var previous = t_time;
        t_time = time;
        try
        {
            return _render(model);
        }
        catch (HandlebarsException e)
        {
            return $"[template error: {e.Message}]";
        }
        finally
        {
            t_time = previous;
        }
    }

    /// <summary>What templates see of a request.</summary>
    public static object Model(RequestView request)
    {
        return new Dictionary<string, object?>
        {
            ["request"] = new Dictionary<string, object?>
            {
                ["url"] = request.Url,
                ["path"] = request.Path,
                ["pathSegments"] = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries),
                ["method"] = request.Method,
                ["body"] = request.Body,
                ["query"] = request.Query.ToDictionary(p => p.Key, p => (object?)p.Value[0], StringComparer.Ordinal),
                ["headers"] = new HeaderLookup(request),
                ["cookies"] = request.Cookies.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
            },
        };
    }

    private static IHandlebars CreateEnvironment()
    {
        // WireMock renders values as they are: no HTML escaping of {{…}}.
        var handlebars = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
        handlebars.RegisterHelper("jsonPath", (in HelperOptions _, in Context _, in Arguments arguments) =>
            arguments.Length == 2 ? JsonPathQuery.Select(arguments[0]?.ToString(), arguments[1]?.ToString() ?? "$") is [var first, ..] ? first : "" : "");
        handlebars.RegisterHelper("now", (in HelperOptions _, in Context _, in Arguments arguments) => Now(arguments));
        handlebars.RegisterHelper("randomValue", (in HelperOptions _, in Context _, in Arguments arguments) => RandomValue(arguments));
        return handlebars;
    }

    private static string Now(Arguments arguments)
    {
        var hash = arguments.Hash;
        var now = (t_time ?? TimeProvider.System).GetUtcNow();
        if (hash.TryGetValue("offset", out var offset) && offset?.ToString() is { } text)
        {
            now = Offset(now, text);
        }

        var format = hash.TryGetValue("format", out var f) ? f?.ToString() : null;
        return format switch
        {
            null => now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "epoch" => now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            "unix" => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            _ => now.ToString(JavaToDotNetFormat(format), CultureInfo.InvariantCulture),
        };
    }

    private static DateTimeOffset Offset(DateTimeOffset now, string offset)
    {
        var parts = offset.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var amount))
        {
            return now;
        }

        return parts[1].ToLowerInvariant().TrimEnd('s') switch
        {
            "second" => now.AddSeconds(amount),
            "minute" => now.AddMinutes(amount),
            "hour" => now.AddHours(amount),
            "day" => now.AddDays(amount),
            "week" => now.AddDays(7 * amount),
            "month" => now.AddMonths(amount),
            "year" => now.AddYears(amount),
            _ => now,
        };
    }

    /// <summary>Java's date patterns differ from .NET's in a few letters (milliseconds, am/pm, weekday).</summary>
    private static string JavaToDotNetFormat(string format) =>
        format.Replace("SSS", "fff", StringComparison.Ordinal).Replace("EEEE", "dddd", StringComparison.Ordinal)
            .Replace("EEE", "ddd", StringComparison.Ordinal).Replace("a", "tt", StringComparison.Ordinal);

    private static string RandomValue(Arguments arguments)
    {
        var hash = arguments.Hash;
        var type = hash.TryGetValue("type", out var t) ? t?.ToString() ?? "ALPHANUMERIC" : "ALPHANUMERIC";
        var length = hash.TryGetValue("length", out var l) && int.TryParse(l?.ToString(), CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 0, 10_000) : 36;
        var upper = hash.TryGetValue("uppercase", out var u) && u is true or "true";
        var value = type switch
        {
            "UUID" => Guid.NewGuid().ToString(),
            "NUMERIC" => RandomNumberGenerator.GetString(Numeric, length),
            "ALPHABETIC" => RandomNumberGenerator.GetString(Alphabetic, length),
            "HEXADECIMAL" => RandomNumberGenerator.GetString("0123456789abcdef", length),
            "ALPHANUMERIC_AND_SYMBOLS" => RandomNumberGenerator.GetString(Alphabetic + Numeric + Symbols, length),
            _ => RandomNumberGenerator.GetString(Alphabetic + Numeric, length),
        };
        return upper ? value.ToUpperInvariant() : value;
    }
}
