using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.DataPlane.Quality;

public enum FreshnessStatus
{
    /// <summary>The last successful load is no older than the limit.</summary>
    Fresh,
    /// <summary>The last successful load is older than the limit.</summary>
    Stale,
    /// <summary>There has been no successful load yet.</summary>
    NeverLoaded,
    /// <summary>The SLA entry is read but deliberately not checked (retention).</summary>
    NotChecked,
    /// <summary>The value or unit cannot be read as a duration; the message says why.</summary>
    Invalid,
}

/// <summary>One SLA entry about freshness: its limit, the age of the data, and the verdict.</summary>
public sealed record FreshnessEntry(string Key, string Property, string? Element, TimeSpan? Limit, TimeSpan? Age, FreshnessStatus Status, string Message);

/// <summary>The freshness of a quantum's data against its contract's SLA.</summary>
public sealed record FreshnessResult(DateTimeOffset? LastSuccessfulLoad, IReadOnlyList<FreshnessEntry> Entries)
{
    /// <summary>True when every checked entry is fresh, false when one is stale, invalid or there was no load; null when the contract sets no limit.</summary>
    public bool? IsFresh => Entries.Any(e => e.Status is FreshnessStatus.Fresh or FreshnessStatus.Stale or FreshnessStatus.NeverLoaded or FreshnessStatus.Invalid)
        ? Entries.All(e => e.Status is FreshnessStatus.Fresh or FreshnessStatus.NotChecked)
        : null;
}

/// <summary>
/// Checks the ODCS SLA entries about freshness against the last successful load. MeshPortal knows when data was
/// loaded, not when each business event happened, so both limits are checked against the age of the last successful
/// load (<c>now − last load</c>; stale when strictly older than the limit, fresh at the limit exactly):
/// <list type="bullet">
/// <item><c>latency</c> (and its pre-v3 name <c>freshness</c>): data may be at most this old;</item>
/// <item><c>frequency</c>: data is refreshed at least this often, so the last load may be at most one period old;</item>
/// <item><c>retention</c> says how long data is kept, not how fresh it is: listed as <see cref="FreshnessStatus.NotChecked"/>.</item>
/// </list>
/// Other entries (availability dates, timeOfAvailability, support…) are not about freshness and are left out. Units:
/// s/sec/second(s), m/min/minute(s), h/hr/hour(s), d/day(s), w/week(s), mo/month(s) (30 days), y/yr/year(s) (365 days).
/// </summary>
public static class FreshnessChecker
{
    public static FreshnessResult Check(IReadOnlyList<SlaProperty> sla, DateTimeOffset? lastSuccessfulLoad, DateTimeOffset now)
    {
        var entries = new List<FreshnessEntry>();
        foreach (var entry in sla)
        {
            var property = entry.Property.Trim().ToLowerInvariant();
            if (property == "retention")
            {
                entries.Add(new FreshnessEntry(entry.Key, entry.Property, entry.Element, Duration(entry.Value, entry.Unit, out _), null,
                    FreshnessStatus.NotChecked, "retention is how long data is kept, not how fresh it is: not checked"));
                continue;
            }
            if (property is not ("latency" or "freshness" or "frequency")) continue;
            entries.Add(Entry(entry, lastSuccessfulLoad, now));
        }
        return new FreshnessResult(lastSuccessfulLoad, entries);
    }

    private static FreshnessEntry Entry(SlaProperty entry, DateTimeOffset? lastLoad, DateTimeOffset now)
    {
        var limit = Duration(entry.Value, entry.Unit, out var error);
        if (limit is null) return new FreshnessEntry(entry.Key, entry.Property, entry.Element, null, null, FreshnessStatus.Invalid, error!);
        if (lastLoad is null)
            return new FreshnessEntry(entry.Key, entry.Property, entry.Element, limit, null, FreshnessStatus.NeverLoaded,
                $"no successful load yet; the {entry.Property} limit is {Describe(limit.Value)}");
        var age = now - lastLoad.Value;
        if (age < TimeSpan.Zero) age = TimeSpan.Zero;
        var stale = age > limit.Value;
        return new FreshnessEntry(entry.Key, entry.Property, entry.Element, limit, age, stale ? FreshnessStatus.Stale : FreshnessStatus.Fresh,
            $"last successful load {Describe(age)} ago; {entry.Property} limit {Describe(limit.Value)}");
    }

    /// <summary>An SLA value and unit as a duration, or null with the reason.</summary>
    public static TimeSpan? Duration(JsonNode? value, string? unit, out string? error)
    {
        error = null;
        double? amount = value is JsonValue v ? v.GetValueKind() switch
        {
            JsonValueKind.Number => double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
            JsonValueKind.String when double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        } : null;
        if (amount is not > 0)
        {
            error = $"the value {value?.ToJsonString() ?? "(none)"} is not a positive number";
            return null;
        }
        TimeSpan? one = unit?.Trim().ToLowerInvariant() switch
        {
            "s" or "sec" or "secs" or "second" or "seconds" => TimeSpan.FromSeconds(1),
            "m" or "min" or "mins" or "minute" or "minutes" => TimeSpan.FromMinutes(1),
            "h" or "hr" or "hrs" or "hour" or "hours" => TimeSpan.FromHours(1),
            "d" or "day" or "days" => TimeSpan.FromDays(1),
            "w" or "wk" or "week" or "weeks" => TimeSpan.FromDays(7),
            "mo" or "month" or "months" => TimeSpan.FromDays(30),
            "y" or "yr" or "yrs" or "year" or "years" => TimeSpan.FromDays(365),
            _ => null,
        };
        if (one is null)
        {
            error = unit is null ? "the entry has no unit (d, h, m, y…)" : $"unknown unit '{unit}' (use s, m, h, d, w, mo or y)";
            return null;
        }
        return one.Value * amount.Value;
    }

    /// <summary>A duration the way a person says it: "3 d 4 h", "25 min", "40 s".</summary>
    public static string Describe(TimeSpan span)
    {
        if (span.TotalMinutes < 1) return $"{Math.Floor(span.TotalSeconds):0} s";
        if (span.TotalHours < 1) return $"{Math.Floor(span.TotalMinutes):0} min";
        if (span.TotalDays < 1) return span.Minutes == 0 ? $"{span.Hours} h" : $"{span.Hours} h {span.Minutes} min";
        return span.Hours == 0 ? $"{span.Days} d" : $"{span.Days} d {span.Hours} h";
    }
}
