using System.Globalization;

namespace MeshPortal.Web.Components.Onboarding;

/// <summary>
/// A five-field cron expression (minute hour day-of-month month day-of-week, UTC) read for the schedule editor: whether it
/// is well formed, what it means in words, and when it fires next. The server validates again when the schedule is saved.
/// </summary>
public sealed class CronSchedule
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static readonly (string Name, int Min, int Max, string[]? Names)[] Fields =
    [
        ("minute", 0, 59, null), ("hour", 0, 23, null), ("day of month", 1, 31, null), ("month", 1, 12, MonthNames), ("day of week", 0, 7, DayNames),
    ];

    private readonly string[] _parts;
    private readonly bool[][] _sets;

    private CronSchedule(string[] parts, bool[][] sets)
    {
        _parts = parts;
        _sets = sets;
        // 7 is Sunday too.
        if (_sets[4][7]) _sets[4][0] = true;
    }

    public string Expression => string.Join(' ', _parts);

    public static bool TryParse(string? text, out CronSchedule? schedule, out string? error)
    {
        schedule = null;
        var parts = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 5)
        {
            error = $"A schedule has five fields (minute hour day-of-month month day-of-week), not {parts.Length}: for example 0 2 * * * for every day at 02:00 UTC.";
            return false;
        }
        var sets = new bool[5][];
        for (var i = 0; i < 5; i++)
        {
            var (name, min, max, names) = Fields[i];
            sets[i] = new bool[max + 1];
            foreach (var item in parts[i].Split(','))
            {
                if (!TryItem(item, min, max, names, sets[i]))
                {
                    error = $"The {name} field \"{parts[i]}\" is not valid: use *, a number from {min} to {max}, a range like {min}-{Math.Min(max, min + 4)}, a list like {min},{min + 1} or a step like */5.";
                    return false;
                }
            }
        }
        schedule = new CronSchedule(parts, sets);
        error = null;
        return true;
    }

    private static bool TryItem(string item, int min, int max, string[]? names, bool[] set)
    {
        var step = 1;
        var slash = item.IndexOf('/');
        if (slash >= 0)
        {
            if (!int.TryParse(item[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1 || step > max) return false;
            item = item[..slash];
        }
        int from, to;
        if (item == "*")
        {
            (from, to) = (min, max);
        }
        else if (item.Split('-') is [var a, var b])
        {
            if (!TryValue(a, min, max, names, out from) || !TryValue(b, min, max, names, out to) || to < from) return false;
        }
        else
        {
            if (!TryValue(item, min, max, names, out from)) return false;
            // "5/15" means from 5 to the end in steps of 15.
            to = slash >= 0 ? max : from;
        }
        for (var v = from; v <= to; v += step) set[v] = true;
        return true;
    }

    private static bool TryValue(string text, int min, int max, string[]? names, out int value)
    {
        if (names is not null && Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is var i and >= 0)
        {
            value = i + (min == 1 ? 1 : 0);
            return true;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    /// <summary>The next time it fires after <paramref name="after"/>, within a year and a bit; null if it never does (say 31 February).</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var start = after.UtcDateTime;
        var t = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
        var end = t.AddDays(400);
        while (t < end)
        {
            if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
                continue;
            }
            if (!_sets[1][t.Hour])
            {
                t = t.Date.AddHours(t.Hour + 1);
                continue;
            }
            if (_sets[0][t.Minute]) return new DateTimeOffset(t);
            t = t.AddMinutes(1);
        }
        return null;
    }

    private bool DayMatches(DateTime t)
    {
        if (!_sets[3][t.Month]) return false;
        var domAny = _parts[2] == "*";
        var dowAny = _parts[4] == "*";
        var dom = _sets[2][t.Day];
        var dow = _sets[4][(int)t.DayOfWeek];
        // Classic cron: when both day fields are restricted, either one matching is enough.
        return domAny && dowAny || (domAny ? dow : dowAny ? dom : dom || dow);
    }

    /// <summary>The schedule in words, for the common shapes; the raw fields for the rest.</summary>
    public string Describe()
    {
        var (minute, hour, dom, month, dow) = (_parts[0], _parts[1], _parts[2], _parts[3], _parts[4]);
        var minutes = Values(0);
        var hours = Values(1);
        string? time = null;
        if (IsNumber(minute) && hours.Count is > 0 and <= 4 && !hour.Contains('*') && !hour.Contains('/'))
            time = "at " + string.Join(" and ", hours.Select(h => $"{h:00}:{int.Parse(minute, CultureInfo.InvariantCulture):00}")) + " UTC";

        string? when = null;
        if (minute == "*" && hour == "*") when = "every minute";
        else if (minute.StartsWith("*/", StringComparison.Ordinal) && hour == "*") when = $"every {minute[2..]} minutes";
        else if (IsNumber(minute) && hour == "*") when = $"every hour at {int.Parse(minute, CultureInfo.InvariantCulture)} minutes past";
        else if (IsNumber(minute) && hour.StartsWith("*/", StringComparison.Ordinal)) when = $"every {hour[2..]} hours at {int.Parse(minute, CultureInfo.InvariantCulture)} minutes past";
        else if (time is not null) when = time;
        if (when is null || minutes.Count == 0) return $"Custom schedule: minute {minute}, hour {hour}, day {dom}, month {month}, weekday {dow} (UTC)";

        var days = (dom, dow) switch
        {
            ("*", "*") => time is not null ? "every day" : "",
            ("*", "1-5") or ("*", "MON-FRI") => "on weekdays",
            ("*", "0,6") or ("*", "6,0") or ("*", "SAT,SUN") or ("*", "SUN,SAT") => "at weekends",
            ("*", _) => "on " + string.Join(", ", Values(4).Where(d => d < 7 || !_sets[4][0]).Select(d => Days[d % 7] + "s").Distinct()),
            (_, "*") when IsNumber(dom) => $"on day {dom} of the month",
            _ => $"on days {dom} of the month or weekdays {dow}",
        };
        var months = month == "*" ? "" : " in " + string.Join(", ", Values(3).Select(m => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(m)));
        var text = string.Join(' ', new[] { days, when }.Where(s => s.Length > 0)) + months;
        return char.ToUpperInvariant(text[0]) + text[1..] + (time is null && when.StartsWith("every", StringComparison.Ordinal) ? " (UTC)" : "");
    }

    private List<int> Values(int field) => Enumerable.Range(0, _sets[field].Length).Where(i => _sets[field][i]).ToList();

    private static bool IsNumber(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);
}
