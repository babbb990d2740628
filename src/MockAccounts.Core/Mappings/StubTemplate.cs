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

    private readonly HandlebarsTemplate<TextWriter, object, object> _render;

    private StubTemplate(HandlebarsTemplate<TextWriter, object, object> render, int length)
    {
        _render = render;
        Length = length;
    }

    /// <summary>The template text's length in characters (what <see cref="TemplateLimits.MaxTemplateChars"/> bounds).</summary>
    public int Length { get; }

    /// <summary>Compiles <paramref name="text"/>; a syntax error is named in <paramref name="problems"/>.</summary>
    public static StubTemplate? Compile(string text, string where, List<string> problems)
    {
        try
        {
            using var reader = new StringReader(text);
            return new StubTemplate(Environment.Compile(reader), text.Length);
        }
        catch (HandlebarsException e)
        {
            problems.Add($"{where}: not a valid response template ({e.Message})");
            return null;
        }
    }

    /// <summary>The template rendered for one request, within the render's limits.</summary>
    /// <param name="model">The request model from <see cref="Model"/>.</param>
    /// <param name="render">The render in progress: clock, limits, and what has been written so far.</param>
    /// <exception cref="TemplateLimitException">The render broke a limit, or a helper was asked for what cannot be made.</exception>
    internal string Render(object model, TemplateRender render)
    {
        using var scope = render.Enter();
        var writer = new TemplateWriter(render);
        try
        {
            _render(writer, model, null!);
            return writer.ToString();
        }
        catch (HandlebarsException e) when (Unwrap(e) is { } limit)
        {
            throw limit;
        }
        catch (HandlebarsException e)
        {
            return $"[template error: {e.Message}]";
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
                ["pathSegments"] = new TemplateList(request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)),
                ["method"] = request.Method,
                ["body"] = request.Body,
                ["query"] = request.Query.ToDictionary(p => p.Key, p => (object?)p.Value[0], StringComparer.Ordinal),
                ["headers"] = new HeaderLookup(request),
                ["cookies"] = request.Cookies.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
            },
        };
    }

    /// <summary>A limit broken inside a helper or an iteration reaches us wrapped in Handlebars' own exception.</summary>
    private static TemplateLimitException? Unwrap(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is TemplateLimitException limit)
            {
                return limit;
            }
        }

        return null;
    }

    private static IHandlebars CreateEnvironment()
    {
        // WireMock renders values as they are: no HTML escaping of {{…}}.
        var handlebars = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
        handlebars.RegisterHelper("jsonPath", (in HelperOptions _, in Context _, in Arguments arguments) => JsonPath(arguments));
        handlebars.RegisterHelper("now", (in HelperOptions _, in Context _, in Arguments arguments) => Now(arguments));
        handlebars.RegisterHelper("randomValue", (in HelperOptions _, in Context _, in Arguments arguments) => RandomValue(arguments));
        return handlebars;
    }

    private static string JsonPath(Arguments arguments)
    {
        if (arguments.Length != 2)
        {
            return "";
        }

        var render = TemplateRender.Current;
        var budget = render is null
            ? new MatchBudget(TemplateLimits.Default.MaxRenderTime, TemplateLimits.Default.MaxRenderTimeSetting)
            : new MatchBudget(render.Remaining > TimeSpan.Zero ? render.Remaining : TimeSpan.FromTicks(1), render.Limits.MaxRenderTimeSetting, render.Time, render.Cancellation);
        try
        {
            return JsonPathQuery.Select(arguments[0]?.ToString(), arguments[1]?.ToString() ?? "$", budget).FirstOrDefault() ?? "";
        }
        catch (MatchBudgetSpentException)
        {
            render?.Check();
            throw new TemplateLimitException($"a jsonPath in the response template took longer than the render may ({budget.Setting})", budget.Setting);
        }
    }

    private static string Now(Arguments arguments)
    {
        var hash = arguments.Hash;
        var now = (TemplateRender.Current?.Time ?? TimeProvider.System).GetUtcNow();
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

        try
        {
            return parts[1].ToLowerInvariant().TrimEnd('s') switch
            {
                "second" => now.AddSeconds(amount),
                "minute" => now.AddMinutes(amount),
                "hour" => now.AddHours(amount),
                "day" => now.AddDays(amount),
                "week" => now.AddDays(7.0 * amount),
                "month" => now.AddMonths(amount),
                "year" => now.AddYears(amount),
                _ => now,
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new TemplateLimitException($"now offset='{offset}' is past the dates a response can carry (years 1 to 9999)", null);
        }
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
