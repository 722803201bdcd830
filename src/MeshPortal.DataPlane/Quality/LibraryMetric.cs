using System.Text.Json;
using System.Text.Json.Nodes;
using MeshPortal.DataPlane.Sql;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.DataPlane.Quality;

/// <summary>
/// A library rule turned into one SQL aggregate that yields its count over the object's table. Every count is over
/// all rows of the table; a percent is that count × 100 / the table's row count (0 for an empty table).
/// </summary>
/// <param name="Aggregate">An aggregate expression over the table, e.g. <c>count(*) - count("email")</c>.</param>
/// <param name="Distinct">Whether the aggregate counts distinct values (the expensive kind the plan may run on its own).</param>
/// <param name="From">What the aggregate counts over when it is not the table's rows: the items of an array (see
/// <see cref="PropertyValues"/>); its percent is then of the items.</param>
internal sealed record LibraryCheck(string Aggregate, bool Distinct, bool Percent, string? From = null);

/// <summary>
/// Where a property's values are, as SQL: <paramref name="Column"/> over the table's rows, or, for a property of an
/// array's items, over <paramref name="ItemsFrom"/>: the items of that array in every row, one row each (<c>__mp_item</c>).
/// </summary>
internal sealed record PropertyValues(string Column, string? ItemsFrom);

/// <summary>
/// The ODCS library metrics, as SQL:
/// <list type="bullet">
/// <item><c>nullValues</c> (property): rows where the column is null — <c>count(*) - count(col)</c>.</item>
/// <item><c>missingValues</c> (property): rows whose value is in <c>arguments.missingValues</c>; a null in that list
/// means null, the other entries are compared as text with the column cast to VARCHAR —
/// <c>count(*) FILTER (WHERE col IS NULL OR CAST(col AS VARCHAR) IN ('', 'n/a'))</c>.</item>
/// <item><c>invalidValues</c> (property): non-null rows whose value is not in <c>arguments.validValues</c> (compared as
/// text) or does not fully match <c>arguments.pattern</c> (<c>regexp_full_match</c>, RE2 syntax); with both, a valid
/// value must satisfy both. Nulls are never invalid: they are what nullValues counts.</item>
/// <item><c>duplicateValues</c> (property, or object with <c>arguments.properties</c>): the rows that repeat a value
/// already seen — non-null rows minus distinct non-null values, <c>count(col) - count(DISTINCT col)</c>. Three rows
/// 'a', 'a', 'a' make 2 duplicates. For several properties the value is the tuple; a row is skipped only when every
/// property of the tuple is null, and nulls inside a tuple are equal to each other (as in SQL's DISTINCT).</item>
/// <item><c>rowCount</c> (object, or property: the same count): the table's rows, <c>count(*)</c>; always in rows.</item>
/// </list>
/// </summary>
internal static class LibraryMetric
{
    public static readonly string[] Metrics = ["nullValues", "missingValues", "invalidValues", "duplicateValues", "rowCount"];

    /// <summary>The check of <paramref name="rule"/>, or why it cannot run (the reason becomes the rule's error).</summary>
    /// <param name="property">The property a property-level rule is declared on; null at object level.</param>
    public static LibraryCheck? Build(QualityRule rule, ContractObject obj, ContractProperty? property, TableColumns columns, string unit, out string? error)
    {
        error = null;
        var percent = unit == "percent";
        switch (rule.Metric)
        {
            case null:
                error = "the library rule has no metric";
                return null;
            case "rowCount":
                if (percent)
                {
                    error = "rowCount is counted in rows, not in percent";
                    return null;
                }
                // On a property of an array's items, the items are what is counted.
                var itemsFrom = property is null || obj.Properties.Contains(property) ? null : ValuesOf(obj, property, columns, out error)?.ItemsFrom;
                return error is null ? new LibraryCheck("count(*)", false, false, itemsFrom) : null;
            case "duplicateValues":
            {
                var names = Strings(rule.Arguments?["properties"], out var badList);
                if (badList || (property is null && names is null or { Count: 0 }))
                {
                    error = property is null
                        ? "duplicateValues on an object needs arguments.properties: the list of properties whose combination must be unique"
                        : "arguments.properties must be a list of property names";
                    return null;
                }
                var quoted = new List<string>();
                string? from = null;
                if (names is not { Count: > 0 })
                {
                    if (ValuesOf(obj, property!, columns, out error) is not { } own) return null;
                    quoted.Add(own.Column);
                    from = own.ItemsFrom;
                }
                else if (property is not null && ValuesOf(obj, property, columns, out _)?.ItemsFrom is not null)
                {
                    error = "arguments.properties names columns of the object's rows; a rule on a property of an array's items counts the items: drop the list";
                    return null;
                }
                foreach (var name in names ?? [])
                {
                    if (Column(obj, name, columns, out error) is not { } column) return null;
                    quoted.Add(column);
                }
                if (quoted.Count == 1) return new LibraryCheck($"count({quoted[0]}) - count(DISTINCT {quoted[0]})", true, percent, from);
                var anyValue = string.Join(" OR ", quoted.Select(c => $"{c} IS NOT NULL"));
                return new LibraryCheck(
                    $"count(*) FILTER (WHERE {anyValue}) - count(DISTINCT ({string.Join(", ", quoted)})) FILTER (WHERE {anyValue})", true, percent);
            }
            case "nullValues" or "missingValues" or "invalidValues":
            {
                if (property is null)
                {
                    error = $"{rule.Metric} counts the values of one property: declare the rule under the property";
                    return null;
                }
                if (ValuesOf(obj, property, columns, out error) is not { Column: var column, ItemsFrom: var from }) return null;
                var condition = rule.Metric switch
                {
                    "nullValues" => null,
                    "missingValues" => Missing(rule, column, out error),
                    _ => Invalid(rule, column, out error),
                };
                if (error is not null) return null;
                return new LibraryCheck(condition is null ? $"count(*) - count({column})" : $"count(*) FILTER (WHERE {condition})", false, percent, from);
            }
            default:
                error = $"unknown metric '{rule.Metric}'; the library metrics are {string.Join(", ", Metrics)}";
                return null;
        }
    }

    /// <summary>The condition for arguments.missingValues; a null entry means the column is null.</summary>
    private static string? Missing(QualityRule rule, string column, out string? error)
    {
        error = null;
        if (rule.Arguments?["missingValues"] is not JsonArray list || list.Count == 0)
        {
            error = "missingValues needs arguments.missingValues: the values that count as missing, e.g. [null, '', 'n/a']";
            return null;
        }
        var parts = new List<string>();
        if (list.Any(x => x is null)) parts.Add($"{column} IS NULL");
        var texts = list.Where(x => x is not null).Select(x => Text(x!)).ToList();
        if (texts.Count > 0) parts.Add($"CAST({column} AS VARCHAR) IN ({string.Join(", ", texts.Select(Quote.Literal))})");
        return string.Join(" OR ", parts);
    }

    /// <summary>The condition for arguments.validValues and/or arguments.pattern (the pattern is checked by the engine before it runs).</summary>
    private static string? Invalid(QualityRule rule, string column, out string? error)
    {
        error = null;
        var valid = rule.Arguments?["validValues"];
        var pattern = rule.Arguments?["pattern"];
        if (valid is null && pattern is null)
        {
            error = "invalidValues needs arguments.validValues (a list) or arguments.pattern (a regular expression)";
            return null;
        }
        if (valid is not null and not JsonArray)
        {
            error = "arguments.validValues must be a list of values";
            return null;
        }
        if (pattern is not null && PatternOf(rule) is null)
        {
            error = "arguments.pattern must be a text (a regular expression)";
            return null;
        }
        var text = $"CAST({column} AS VARCHAR)";
        var conditions = new List<string>();
        if (valid is JsonArray values)
        {
            var texts = values.Where(x => x is not null).Select(x => Quote.Literal(Text(x!))).ToList();
            conditions.Add(texts.Count == 0 ? "false" : $"{text} IN ({string.Join(", ", texts)})");
        }
        if (PatternOf(rule) is { } regex) conditions.Add($"regexp_full_match({text}, {Quote.Literal(regex)})");
        return $"{column} IS NOT NULL AND NOT ({string.Join(" AND ", conditions)})";
    }

    /// <summary>The rule's arguments.pattern when it is a text.</summary>
    public static string? PatternOf(QualityRule rule) =>
        rule.Arguments?["pattern"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>
    /// The values of a property as one SQL value per row of the table: its quoted column, or, for a property nested in an
    /// object, its member of the top-level column's JSON as text (<c>json_extract_string("address", '$."geo"."lat"')</c>);
    /// or the reason it cannot be used (a property of an array's items has a value per item, not per row).
    /// </summary>
    public static string? PropertyColumn(ContractObject obj, ContractProperty property, TableColumns columns, out string? error)
    {
        var values = ValuesOf(obj, property, columns, out error);
        if (values is { ItemsFrom: not null })
        {
            error = $"property '{property.Path}' is in the items of an array: it has a value per item, not one per row";
            return null;
        }
        return values?.Column;
    }

    /// <summary>
    /// Where a property's values are (<see cref="PropertyValues"/>). A nested property's path is the normalizer's:
    /// "object.top.member…", and for an array's items "object.top[].member…" (the array may itself sit in an object
    /// member: "object.top.lines[].sku"). Arrays inside an array's items are not reached.
    /// </summary>
    public static PropertyValues? ValuesOf(ContractObject obj, ContractProperty property, TableColumns columns, out string? error)
    {
        if (obj.Properties.Contains(property)) return Column(obj, property.Name, columns, out error) is { } own ? new PropertyValues(own, null) : null;
        error = null;
        var prefix = obj.Name + ".";
        var rest = property.Path.StartsWith(prefix, StringComparison.Ordinal) ? property.Path[prefix.Length..] : null;
        var array = rest?.IndexOf("[].", StringComparison.Ordinal) ?? -1;
        var toArray = (array < 0 ? rest : rest![..array])?.Split('.');
        if (toArray is null || toArray.Length < (array < 0 ? 2 : 1) || Column(obj, toArray[0], columns, out error) is not { } top)
        {
            error ??= $"property '{property.Path}' is not in object '{obj.Name}'";
            return null;
        }
        if (array < 0) return new PropertyValues($"json_extract_string({top}, {Quote.JsonPath(toArray[1..])})", null);
        var member = rest![(array + 3)..];
        if (member.Contains("[].", StringComparison.Ordinal))
        {
            error = $"property '{property.Path}' is in an array inside an array's items: those are not measured";
            return null;
        }
        var text = $"CAST({top} AS VARCHAR)";
        var arrayJson = toArray.Length == 1 ? $"CAST({text} AS JSON)" : $"json_extract({text}, {Quote.JsonPath(toArray[1..])})";
        var items = $"(SELECT unnest(json_extract(__mp_array, '$[*]')) AS __mp_item FROM (SELECT CASE WHEN json_valid({text}) THEN {arrayJson} END AS __mp_array "
                    + $"FROM {columns.Table}) WHERE json_type(__mp_array) = 'ARRAY')";
        return new PropertyValues($"json_extract_string(__mp_item, {Quote.JsonPath(member.Split('.'))})", items);
    }

    /// <summary>The quoted column of a property of the object, or the reason it cannot be used.</summary>
    private static string? Column(ContractObject obj, string name, TableColumns columns, out string? error)
    {
        error = null;
        if (!obj.Properties.Any(p => p.Name == name))
        {
            error = $"property '{name}' is not in object '{obj.Name}'";
            return null;
        }
        if (columns.Find(name) is not { } column)
        {
            error = $"property '{name}' has no column in the published table {columns.Table}";
            return null;
        }
        return Quote.Identifier(column);
    }

    /// <summary>A JSON value as the text it is compared with: strings as they are, numbers and booleans as written.</summary>
    private static string Text(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node.ToJsonString();

    private static List<string>? Strings(JsonNode? node, out bool bad)
    {
        bad = false;
        if (node is null) return null;
        if (node is not JsonArray list || list.Any(x => x is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
        {
            bad = true;
            return null;
        }
        return list.Select(x => x!.GetValue<string>()).ToList();
    }
}
