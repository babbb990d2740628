using System.Globalization;
using System.Reflection;

namespace MockAccounts.AspNetCore.Hosting;

/// <summary>
/// Checks the text of each scalar setting before the configuration binder converts it, so that a bad
/// value gets a line naming the setting and what it accepts (the binder only says a conversion failed).
/// </summary>
internal static class OptionText
{
    /// <summary>One line per setting in <paramref name="section"/> whose text cannot become its option's type.</summary>
    public static IReadOnlyList<string> Problems(IConfigurationSection section, Type options)
    {
        var problems = new List<string>();
        Check(section, options, problems);
        return problems;
    }

    private static void Check(IConfigurationSection section, Type type, List<string> problems)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var child = section.GetSection(property.Name);
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (child.Value is { } text && Expectation(target, text) is { } expected)
            {
                problems.Add($"{child.Path}: '{text}' {expected}");
            }
            else if (target.IsClass && target != typeof(string) && target.Namespace == type.Namespace)
            {
                Check(child, target, problems);
            }
        }
    }

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
