using System.Globalization;
using System.Reflection;
using MockAccounts.AspNetCore.Http;
using MockAccounts.Core;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// Checks the <c>MockAccounts</c> section as text before the configuration binder reads it: a key no option has
/// (the binder skips it silently) gets a line naming it as the user wrote it, with the nearest known key, and a
/// value the binder cannot convert gets a line naming the setting, the value and what it accepts (the binder
/// only says a conversion failed).
/// </summary>
internal static class OptionText
{
    /// <summary>One line per unknown key and per value in <paramref name="section"/> that cannot become its option's type.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, IConfigurationSection section, Type options)
    {
        var problems = new List<string>();
        Check(configuration, section, options, problems);
        return problems;
    }

    private static void Check(IConfiguration configuration, IConfigurationSection section, Type type, List<string> problems)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && Bindable(p.PropertyType)).ToArray();
        foreach (var child in section.GetChildren())
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                problems.Add(Unknown(configuration, child, properties.Select(p => p.Name)));
                continue;
            }

            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var scalar = target.IsPrimitive || target.IsEnum || target == typeof(string) || target == typeof(TimeSpan);
            if (child.Value is { Length: > 0 } text && !scalar && !child.GetChildren().Any())
            {
                // The binder would skip a single value given where a list, map or section belongs.
                var source = SettingSource.Of(configuration, child.Path);
                problems.Add($"{source.Spell(child.Path)}{source.Suffix}: '{text}' is a single value, but {Shape(source, child.Path, target)}");
            }
            else if (child.Value is { } value && Expectation(target, value) is { } expected)
            {
                problems.Add($"{child.Path}: '{value}' {expected}");
            }
            else if (target.IsClass && !scalar && target.Namespace == type.Namespace)
            {
                Check(configuration, child, target, problems);
            }
        }
    }

    /// <summary>Options the binder can set from text; a logger or a clock (the fixture's) cannot come from configuration.</summary>
    private static bool Bindable(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t && (t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(TimeSpan)
            || t.Namespace == typeof(MockAccountsOptions).Namespace || typeof(System.Collections.IEnumerable).IsAssignableFrom(t));

    /// <summary>How a setting of <paramref name="type"/> is written, spelled as its source spells it.</summary>
    private static string Shape(SettingSource source, string path, Type type) =>
        typeof(System.Collections.IDictionary).IsAssignableFrom(type)
            ? $"it is a map: set one entry per key, e.g. {source.Spell(path + ":opterius")}"
            : typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
                ? $"it is a list: set its items one by one, {source.Spell(path + ":0")}, {source.Spell(path + ":1")}, …"
                : $"it is a section: set its settings one by one ({string.Join(", ", type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => source.Spell(path + ":" + p.Name)))})";

    private static string Unknown(IConfiguration configuration, IConfigurationSection child, IEnumerable<string> known)
    {
        var source = SettingSource.Of(configuration, child.Path);
        var parent = child.Path[..^child.Key.Length];
        var nearest = ClosestName.Find(child.Key, known);
        var hint = nearest is not null
            ? $"did you mean {source.Spell(parent + nearest)}?"
            : IsAddress(child.Key)
                ? "the address is set with --urls or ASPNETCORE_URLS (e.g. http://127.0.0.1:9090), not under MockAccounts"
                : $"settings here: {string.Join(", ", known.Order(StringComparer.Ordinal))}";
        return $"{source.Spell(child.Path)}{source.Suffix}: no such setting; {hint}";
    }

    private static bool IsAddress(string key) =>
        key.Equals("Port", StringComparison.OrdinalIgnoreCase) || key.Equals("Url", StringComparison.OrdinalIgnoreCase)
        || key.Equals("Urls", StringComparison.OrdinalIgnoreCase) || key.Equals("Address", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when <paramref name="text"/> converts to <paramref name="type"/>; else what the setting accepts.</summary>
    private static string? Expectation(Type type, string text)
    {
        if (type.IsEnum)
        {
            var names = Enum.GetNames(type);
            return names.Any(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase))
                ? null
                : $"is not one of: {string.Join(", ", names.Select(n => n.ToLowerInvariant()))}";
        }

        return type switch
        {
            _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : $"is not a whole number (expected {int.MinValue} to {int.MaxValue})",
            _ when type == typeof(long) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? null : $"is not a whole number (expected {long.MinValue} to {long.MaxValue})",
            _ when type == typeof(bool) => bool.TryParse(text, out _) ? null : "is not true or false",
            _ when type == typeof(TimeSpan) => TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out _) ? null : "is not a duration (e.g. 00:00:05 for five seconds)",
            _ => null,
        };
    }
}
