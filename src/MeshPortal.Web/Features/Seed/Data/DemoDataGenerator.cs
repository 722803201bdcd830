using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.Web.Features.Seed.Data;

/// <summary>
/// Sample data for the demo mesh, made from a contract object: values that fit each property (its valid values,
/// its pattern, its type, and what its name suggests), with a few planted defects whose number is known, so a
/// visitor sees a quarantine with reasons on first start. Deterministic for a seed and an anchor date.
/// </summary>
public static partial class DemoDataGenerator
{
    /// <summary>Ids named like "customer_id" that are not the object's own key come from a pool of this size, so quanta join.</summary>
    public const int SharedIdPool = 300;

    public sealed record Defect(int Row, string Property, string Kind);

    public sealed record Dataset(string Csv, int Rows, IReadOnlyList<Defect> Defects);

    private static readonly string[] FirstNames = ["Anna", "Ben", "Chloé", "Daan", "Emma", "Felix", "Greta", "Hugo", "Ines", "Jonas", "Klara", "Lars"];
    private static readonly string[] LastNames = ["Berger", "Dubois", "de Vries", "Schmidt", "Jansen", "Martin", "Nilsson", "Kowalski", "Rossi", "Meyer"];
    private static readonly string[] Countries = ["DE", "FR", "NL", "BE", "AT", "CH", "SE", "PL", "GB"];
    private static readonly string[] Currencies = ["EUR", "EUR", "EUR", "GBP", "CHF", "SEK", "PLN"];

    public static Dataset Generate(ContractObject obj, int rows, int seed, DateOnly anchor)
    {
        var random = new Random(seed);
        var columns = obj.Properties.Where(p => p.LogicalType is not ("object" or "array")).ToList();
        var keys = columns.Where(p => p.PrimaryKey).ToList();
        if (keys.Count == 0) keys = columns.Where(p => p.Unique).Take(1).ToList();
        var data = new List<string?[]>(rows);
        var seen = new HashSet<string>();
        for (var row = 0; row < rows; row++)
        {
            for (var attempt = 0; ; attempt++)
            {
                var values = columns.Select(p => Value(p, row, keys.Contains(p) || p.Unique, random, anchor)).ToArray();
                var key = string.Join("|", keys.Select(k => values[columns.IndexOf(k)]));
                if (keys.Count == 0 || seen.Add(key) || attempt > 20) { data.Add(values); break; }
            }
        }
        var defects = Plant(columns, keys, data);
        return new Dataset(ToCsv(columns, data), rows, defects);
    }

    /// <summary>One defect of each kind the contract can catch, at fixed rows, each on its own row.</summary>
    private static List<Defect> Plant(List<ContractProperty> columns, List<ContractProperty> keys, List<string?[]> data)
    {
        var defects = new List<Defect>();
        void At(int row, ContractProperty? property, string kind, Func<string?, string?> change)
        {
            if (property is null || row >= data.Count) return;
            var index = columns.IndexOf(property);
            data[row][index] = change(data[row][index]);
            defects.Add(new Defect(row + 1, property.Name, kind));
        }
        At(9, columns.FirstOrDefault(p => p.LogicalType is "number" or "integer"), "not a number", _ => "n/a");
        At(19, columns.FirstOrDefault(p => p.Required && !keys.Contains(p) && p.LogicalType == "string"), "missing", _ => "");
        At(29, columns.FirstOrDefault(p => p.ValidValues is { Count: > 0 } && !keys.Contains(p)), "not a valid value", _ => "unknown");
        At(39, columns.FirstOrDefault(p => p.LogicalType == "date" && !keys.Contains(p)), "not a date", _ => "31/02/2025");
        if (keys.Count > 0 && data.Count > 49)
        {
            foreach (var key in keys) data[49][columns.IndexOf(key)] = data[4][columns.IndexOf(key)];
            defects.Add(new Defect(50, string.Join(", ", keys.Select(k => k.Name)), "duplicate key"));
        }
        return defects;
    }

    private static string? Value(ContractProperty p, int row, bool unique, Random random, DateOnly anchor)
    {
        var name = p.Name.ToLowerInvariant();
        if (!p.Required && !unique && random.Next(25) == 0) return null;
        if (p.ValidValues is { Count: > 0 } valid) return valid[random.Next(valid.Count)];
        if (p.Pattern is { } pattern && PatternSampler.Sample(pattern, random) is { } sampled) return sampled;
        switch (p.LogicalType)
        {
            case "integer":
                return (unique ? row + 1 : random.Next(1, name.Contains("count") || name.Contains("impressions") ? 5000 : 60)).ToString(CultureInfo.InvariantCulture);
            case "number":
                var fraction = name.Contains("rate") || name.Contains("share") || name.Contains("score") || name.Contains("probability")
                               || name.Contains("weight") && !name.Contains("kg");
                // Stay inside the declared decimal(p,s): decimal(3,2) holds less than 10.
                var ceiling = DecimalDigits().Match(p.PhysicalType ?? "") is { Success: true } m
                    ? Math.Pow(10, int.Parse(m.Groups[1].Value) - int.Parse(m.Groups[2].Value)) - 1 : 2010;
                var number = fraction ? random.NextDouble() : Math.Round(Math.Min(10 + random.NextDouble() * 2000, ceiling), 2);
                return number.ToString(fraction ? "0.0000" : "0.00", CultureInfo.InvariantCulture);
            case "boolean":
                return random.Next(4) == 0 ? "false" : "true";
            case "date":
                return (unique ? anchor.AddDays(-row) : anchor.AddDays(-random.Next(0, 120))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case "timestamp":
                var at = anchor.ToDateTime(TimeOnly.MinValue).AddMinutes(-random.Next(0, 120 * 24 * 60));
                return at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
        if (name.EndsWith("_id") || name == "id")
            return SharedId(name, unique ? row : random.Next(SharedIdPool), p.Examples);
        if (name.Contains("email")) return $"{FirstNames[row % FirstNames.Length].ToLowerInvariant()}.{row}@example.com";
        if (name.Contains("name") || name == "owner" || name.Contains("manager"))
            return $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
        if (name.Contains("country")) return Countries[random.Next(Countries.Length)];
        if (name.Contains("currency")) return Currencies[random.Next(Currencies.Length)];
        if (p.Examples.Count > 0 && !unique) return p.Examples[random.Next(p.Examples.Count)];
        return unique ? $"{name}-{row + 1:D5}" : $"{name}-{random.Next(1, 40):D3}";
    }

    /// <summary>A stable id for the n-th entity named by the column ("customer_id" 7 is the same in every quantum).</summary>
    private static string SharedId(string column, int n, IReadOnlyList<string> examples)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes($"{column}:{n}"));
        var looksLikeGuid = examples.Any(e => Guid.TryParse(e, out _)) || column == "customer_id";
        return looksLikeGuid ? new Guid(hash).ToString() : $"{column[..^3].ToUpperInvariant()}-{n + 1:D6}";
    }

    private static string ToCsv(List<ContractProperty> columns, List<string?[]> data)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', columns.Select(c => Quote(c.Name))).Append('\n');
        foreach (var values in data) csv.AppendJoin(',', values.Select(Quote)).Append('\n');
        return csv.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*decimal\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex DecimalDigits();

    private static string Quote(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? '"' + value.Replace("\"", "\"\"") + '"' : value;
}
