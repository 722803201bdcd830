using System.Globalization;
using System.Text.RegularExpressions;

namespace MeshPortal.Domain.Contracts;

/// <summary>A semantic version: MAJOR.MINOR.PATCH with an optional pre-release label (build metadata is ignored).</summary>
public readonly partial record struct SemVer(int Major, int Minor, int Patch, string PreRelease = "") : IComparable<SemVer>
{
    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out SemVer version)
    {
        version = default;
        var match = Pattern().Match(text?.Trim() ?? "");
        if (!match.Success) return false;
        if (!int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(match.Groups[2].Value, CultureInfo.InvariantCulture, out var minor)
            || !int.TryParse(match.Groups[3].Value, CultureInfo.InvariantCulture, out var patch)) return false;
        version = new SemVer(major, minor, patch, match.Groups[4].Value);
        return true;
    }

    public static SemVer Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a semantic version (MAJOR.MINOR.PATCH).");

    /// <summary>Which part changed from <paramref name="previous"/> to this version; null when this one is not higher.</summary>
    public VersionBump? BumpFrom(SemVer previous) =>
        CompareTo(previous) <= 0 ? null
        : Major != previous.Major ? VersionBump.Major
        : Minor != previous.Minor ? VersionBump.Minor
        : VersionBump.Patch;

    public SemVer Next(VersionBump bump) => bump switch
    {
        VersionBump.Major => new(Major + 1, 0, 0),
        VersionBump.Minor => new(Major, Minor + 1, 0),
        _ => new(Major, Minor, Patch + 1),
    };

    public int CompareTo(SemVer other)
    {
        var c = Major.CompareTo(other.Major);
        if (c == 0) c = Minor.CompareTo(other.Minor);
        if (c == 0) c = Patch.CompareTo(other.Patch);
        if (c != 0) return c;
        // A pre-release sorts before its release: 2.0.0-rc.1 < 2.0.0.
        if (PreRelease == other.PreRelease) return 0;
        if (PreRelease.Length == 0) return 1;
        if (other.PreRelease.Length == 0) return -1;
        return string.CompareOrdinal(PreRelease, other.PreRelease);
    }

    public static bool operator <(SemVer a, SemVer b) => a.CompareTo(b) < 0;
    public static bool operator >(SemVer a, SemVer b) => a.CompareTo(b) > 0;
    public static bool operator <=(SemVer a, SemVer b) => a.CompareTo(b) <= 0;
    public static bool operator >=(SemVer a, SemVer b) => a.CompareTo(b) >= 0;

    public override string ToString() => PreRelease.Length == 0 ? $"{Major}.{Minor}.{Patch}" : $"{Major}.{Minor}.{Patch}-{PreRelease}";
}

/// <summary>Ordered from smallest to largest, so the required bump of a set of changes is their maximum.</summary>
public enum VersionBump
{
    Patch,
    Minor,
    Major,
}
