using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MeshPortal.Domain;

/// <summary>
/// URL-safe identifiers for domains and quanta: lowercase letters, digits and single hyphens,
/// starting with a letter. They end up in URLs, file names and index keys, so the rules are strict.
/// </summary>
public static partial class Slug
{
    public const int MinLength = 2;
    public const int MaxLength = 63;

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();

    /// <summary>Null when valid, otherwise the reason in words a user understands.</summary>
    public static string? Validate(string? slug)
    {
        if (string.IsNullOrWhiteSpace(slug)) return "A slug is required.";
        if (slug.Length < MinLength) return $"A slug has at least {MinLength} characters.";
        if (slug.Length > MaxLength) return $"A slug has at most {MaxLength} characters.";
        if (!Pattern().IsMatch(slug))
            return "Use lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen.";
        return null;
    }

    public static bool IsValid(string? slug) => Validate(slug) is null;

    /// <summary>Suggests a slug from a display name: "Orders (EU) — Daily" → "orders-eu-daily".</summary>
    public static string Suggest(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(lower);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        while (slug.Length > 0 && !char.IsAsciiLetterLower(slug[0])) slug = slug[1..].TrimStart('-');
        if (slug.Length > MaxLength) slug = slug[..MaxLength].TrimEnd('-');
        return slug;
    }
}
