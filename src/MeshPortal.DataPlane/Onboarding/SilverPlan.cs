using DuckDB.NET.Data;
using MeshPortal.DataPlane.Sql;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.DataPlane.Onboarding;

/// <summary>
/// One contract property as silver builds it: the bronze column it comes from (null: not in the source), its type, and
/// its position among the object's properties.
/// </summary>
internal sealed record PlannedColumn(ContractProperty Property, string? Source, ColumnType Type, int Index)
{
    public string Name => Property.Name;

    /// <summary>The bronze value, as text (NULL when the source has no such column).</summary>
    public string Raw => Source is null ? "CAST(NULL AS VARCHAR)" : "b." + Quote.Identifier(Source);

    /// <summary>The text cast to the contract's type, NULL when it does not fit (<see cref="CastOf"/>).</summary>
    public string Cast => CastOf(Raw, Type);

    /// <summary>
    /// <paramref name="raw"/> text cast to <paramref name="type"/>, NULL when it does not fit. Integers must be written as
    /// integers: DuckDB would round '1.5' to 2.
    /// </summary>
    public static string CastOf(string raw, ColumnType type) => type.IsText ? raw
        : type.Kind == TypeKind.Integer ? $"CASE WHEN regexp_full_match({raw}, '\\s*[+-]?[0-9]+\\s*') THEN TRY_CAST({raw} AS {type.Sql}) END"
        : type.Sql == "TIMESTAMP" ? $"CASE WHEN {MayHaveOffset(raw)} THEN TRY_CAST(TRY_CAST({raw} AS TIMESTAMPTZ) AS TIMESTAMP) ELSE TRY_CAST({raw} AS TIMESTAMP) END"
        : $"TRY_CAST({raw} AS {type.Sql})";

    /// <summary>
    /// Whether a timestamp's text may end with a '+' or '-' offset. DuckDB's cast to TIMESTAMP drops an offset
    /// ('10:00:00+02:00' becomes 10:00), so those values go through TIMESTAMPTZ, in the UTC session of onboarding, and come
    /// out as the UTC instant (08:00); 'Z' needs nothing (it is UTC). Only those: that cast costs six times more, and this
    /// test about nothing. A '-' after the 13th character can only be an offset; it is looked for in values longer than
    /// 'YYYY-MM-DD HH:MM:SS', which every value with one is, but for a time without seconds and an hours-only offset.
    /// A value the test lets through without an offset comes out the same either way.
    /// </summary>
    static string MayHaveOffset(string raw) => $"(contains({raw}, '+') OR (length({raw}) > 19 AND contains(substr({raw}, 14), '-')))";

    /// <summary>The typed value: <see cref="Cast"/> computed once, in the inner select of <see cref="SilverPlan.SilverSelect"/>.</summary>
    public string Typed => Type.IsText ? Raw : "b." + TypedAlias;

    public string TypedAlias => Quote.Identifier($"__mp_typed_{Index}");

    public bool IsRequired => Property.Required || Property.PrimaryKey;
}

/// <summary>
/// The set-based validation of bronze against one contract object, as SQL: which bronze column feeds which property,
/// the silver projection with each row's reasons (type, required, validValues, pattern), and the keys (primary key,
/// unique properties) whose later duplicates are quarantined.
/// </summary>
internal sealed class SilverPlan
{
    public const string ReasonsColumn = "__mp_reasons";
    public const string HashColumn = "__mp_hash";
    const int ShownValueLength = 40;

    public IReadOnlyList<PlannedColumn> Columns { get; }
    public IReadOnlyList<IReadOnlyList<PlannedColumn>> Keys { get; }

    /// <summary>The source's columns, in order.</summary>
    public IReadOnlyList<string> SourceColumns { get; }

    SilverPlan(IReadOnlyList<PlannedColumn> columns, IReadOnlyList<IReadOnlyList<PlannedColumn>> keys, IReadOnlyList<string> sourceColumns) =>
        (Columns, Keys, SourceColumns) = (columns, keys, sourceColumns);

    /// <summary>Checks what can be checked before reading anything: the object's properties, their patterns and valid values.</summary>
    public static async Task CheckContractAsync(DuckDBConnection connection, ContractObject contractObject, CancellationToken cancellationToken)
    {
        var properties = contractObject.Properties;
        if (properties.Count == 0)
            throw new DataPlaneException($"The contract's object '{contractObject.Name}' declares no properties: add its columns to the contract before onboarding.");
        foreach (var twice in properties.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            throw new DataPlaneException($"The contract's object '{contractObject.Name}' declares the property '{twice.Key}' {twice.Count()} times (names are compared without case).");
        foreach (var property in properties)
        {
            if (!string.IsNullOrEmpty(property.Pattern))
            {
                try
                {
                    await Db.ScalarAsync(connection, "SELECT regexp_full_match('', $1)", cancellationToken, property.Pattern);
                }
                catch (DuckDBException e)
                {
                    throw new DataPlaneException($"The pattern of property '{property.Name}' is not a valid regular expression ({Db.Message(e)}): {property.Pattern}", e);
                }
            }
            var type = ColumnType.Of(property);
            if (type.IsText) continue;
            foreach (var value in property.ValidValues ?? [])
                if (await Db.ScalarAsync(connection, $"SELECT TRY_CAST($1 AS {type.Sql}) IS NULL", cancellationToken, value) is true)
                    throw new DataPlaneException($"Property '{property.Name}' lists '{value}' among its valid values, but it is not {type.Description} as its type requires.");
        }
    }

    /// <summary>Matches the properties to the bronze columns (by name, else physical name, without case).</summary>
    public static SilverPlan Build(ContractObject contractObject, IReadOnlyList<string> sourceColumns)
    {
        string? Find(string? name) => name is null ? null
            : sourceColumns.FirstOrDefault(c => string.Equals(c.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));
        var columns = contractObject.Properties
            .Select((p, i) => new PlannedColumn(p, Find(p.Name) ?? Find(p.PhysicalName), ColumnType.Of(p), i))
            .ToList();
        var missing = columns.Where(c => c.Source is null && c.IsRequired).Select(c => c.Name).ToList();
        if (missing.Count > 0)
            throw new DataPlaneException(
                $"The source has no column {string.Join(", ", missing.Select(m => $"'{m}'"))} required by the contract (object '{contractObject.Name}'). "
                + $"Its columns are: {string.Join(", ", sourceColumns.Take(50))}{(sourceColumns.Count > 50 ? ", …" : "")}.");

        var keys = new List<IReadOnlyList<PlannedColumn>>();
        var primaryKey = columns.Where(c => c.Property.PrimaryKey).ToList();
        if (primaryKey.Count > 0) keys.Add(primaryKey);
        foreach (var unique in columns.Where(c => c.Property.Unique && c.Source is not null))
            if (!(primaryKey.Count == 1 && primaryKey[0] == unique)) keys.Add([unique]);
        return new SilverPlan(columns, keys, sourceColumns);
    }

    /// <summary>
    /// The silver staging table, from <paramref name="from"/> (the source's columns as text, in source order): every row
    /// typed, with its reasons (NULL when valid) and, <paramref name="withHash"/>, the hash of its values as ingested
    /// (<see cref="RowHash"/>). Order kept: a row's number in the source is its rowid + 1.
    /// </summary>
    /// <remarks>
    /// Not carried here: the rows' values as ingested, for the quarantine. Twelve more columns, NULL but on the bad rows,
    /// made this pass a third slower on the benchmark's file (13.2 s against 9.8 s); the quarantine finds the few rows it
    /// needs in the source again, by row number or by hash. The hash is not free: 1.0–1.4 s of this pass's 10.5–11 s on the
    /// benchmark's file. It stays because the later rows of a duplicated key, valid row by row and only found after the
    /// pass, need an identity in the file too; hashing only the rows with reasons would leave them without one.
    /// </remarks>
    public string SilverSelect(string from, bool withHash)
    {
        // Each cast once, in an inner select: the outer one uses it both as the value and in the reasons.
        var casts = Columns.Where(c => !c.Type.IsText).Select(c => $", {c.Cast} AS {c.TypedAlias}");
        var typed = string.Join(", ", Columns.Select(c => $"{c.Typed} AS {Quote.Identifier(c.Name)}"));
        var hash = withHash ? $", {RowHash("b")} AS {HashColumn}" : "";
        return $"SELECT {typed}, {ReasonsExpression()} AS {ReasonsColumn}{hash} FROM (SELECT b.*{string.Concat(casts)} FROM {from} b) b";
    }

    /// <summary>
    /// DuckDB's 64-bit hash of a row's source values as text: rows with the same hash hold the same values. The odds of a
    /// false match are about (rows in the source × rows looked up) / 2⁶⁴: 3 × 10⁻¹⁰ for 10 million rows and 600 looked up.
    /// </summary>
    public string RowHash(string alias) => $"hash({string.Join(", ", SourceColumns.Select(c => $"{alias}.{Quote.Identifier(c)}"))})";

    /// <summary>
    /// The row's reasons joined by "; ", or NULL. The messages are only built for rows that break a rule: the CASE tests
    /// all rules first, and DuckDB evaluates the ELSE branch for those rows only.
    /// </summary>
    string ReasonsExpression()
    {
        var reasons = Columns.SelectMany(Reasons).ToList();
        if (reasons.Count == 0) return "CAST(NULL AS VARCHAR)";
        var any = string.Join(" OR ", reasons.Select(r => $"({r.Broken})"));
        var each = string.Join(", ", reasons.Select(r => $"CASE WHEN {r.Broken} THEN {r.Message} END"));
        return $"CASE WHEN {any} THEN NULLIF(concat_ws('; ', {each}), '') END";
    }

    /// <summary>
    /// One value the rules check: a column, or a property nested in a column's JSON object or in the items of its JSON
    /// array (<see cref="Applies"/>: when its parent is an object, so that a missing parent is not also a missing child;
    /// <see cref="Depth"/>: how many arrays' items it is inside).
    /// </summary>
    sealed record CheckedValue(string Raw, string Name, ContractProperty Property, ColumnType Type, string Typed, bool IsRequired, string? Applies,
        int Depth = 0);

    /// <summary>Arrays nested deeper than this in other arrays' items are not checked (each level nests one more lambda in the SQL).</summary>
    public const int MaxArrayDepth = 3;

    /// <summary>The rules of one column, and of the properties nested in it.</summary>
    IEnumerable<(string Broken, string Message)> Reasons(PlannedColumn column) =>
        column.Source is null
            ? []
            : Reasons(new CheckedValue(column.Raw, column.Name, column.Property, column.Type, column.Typed, column.IsRequired, null));

    /// <summary>The rules of one value: when each is broken, and the message that says so.</summary>
    IEnumerable<(string Broken, string Message)> Reasons(CheckedValue value)
    {
        var (raw, name, property) = (value.Raw, value.Name, value.Property);
        var present = $"{raw} <> ''";
        var shown = $"left({raw}, {ShownValueLength}) || CASE WHEN length({raw}) > {ShownValueLength} THEN '…' ELSE '' END";
        string Quoted(string after) => $"{Quote.Literal($"{name}: '")} || {shown} || {Quote.Literal("' " + after)}";
        if (value.IsRequired)
            yield return ($"{(value.Applies is null ? "" : $"({value.Applies}) AND ")}({raw} IS NULL OR {raw} = '')", Quote.Literal($"{name}: missing, but required"));
        if (!value.Type.IsText)
            yield return ($"{present} AND ({value.Typed}) IS NULL", Quoted($"is not {value.Type.Description}"));
        if (property.ValidValues is { Count: > 0 } valid)
        {
            var list = string.Join(", ", valid.Select(v => value.Type.IsText ? Quote.Literal(v) : $"CAST({Quote.Literal(v)} AS {value.Type.Sql})"));
            var described = valid.Count <= 10 ? string.Join(", ", valid) : string.Join(", ", valid.Take(10)) + $", … ({valid.Count} values)";
            // Not "NOT IN (…)": DuckDB rewrites a list of five values or more into a join, which loses the row order
            // (and the query's progress).
            yield return ($"{present} AND NOT list_contains([{list}], {value.Typed})", Quoted($"is not one of {described}"));
        }
        if (!string.IsNullOrEmpty(property.Pattern))
            yield return ($"{present} AND NOT regexp_full_match({raw}, {Quote.Literal(property.Pattern)})",
                Quoted($"does not match the pattern {property.Pattern}"));

        // Properties nested in an object, then the properties of an array's items.
        var members = property.Children.Where(c => !IsItemProperty(c)).ToList();
        if (members.Count > 0)
        {
            var isObject = JsonIs(raw, "OBJECT");
            yield return ($"{present} AND NOT {isObject}", Quoted("is not a JSON object"));
            foreach (var reason in MemberReasons(raw, name, members, isObject, value.Depth)) yield return reason;
        }
        var itemProperties = property.Children.Where(IsItemProperty).ToList();
        if (itemProperties.Count == 0 || value.Depth >= MaxArrayDepth) yield break;
        var isArray = JsonIs(raw, "ARRAY");
        yield return ($"{present} AND NOT {isArray}", Quoted("is not a JSON array"));
        foreach (var reason in ItemReasons(raw, name, itemProperties, isArray, value.Depth)) yield return reason;
    }

    static bool IsItemProperty(ContractProperty property) => property.Path.EndsWith("[]." + property.Name, StringComparison.Ordinal);

    /// <summary>Whether a text is valid JSON of that type (DuckDB's JSON functions fail on malformed text, so that is tested first).</summary>
    static string JsonIs(string raw, string type) => $"(json_valid({raw}) AND CASE WHEN json_valid({raw}) THEN json_type({raw}) END = '{type}')";

    /// <summary>The rules of an object's members, each read as text from the object (JSON text for an object, null for a JSON null).</summary>
    IEnumerable<(string Broken, string Message)> MemberReasons(string raw, string name, IReadOnlyList<ContractProperty> members, string isObject, int depth)
    {
        foreach (var member in members)
        {
            var memberRaw = $"CASE WHEN {isObject} THEN json_extract_string({raw}, {Quote.JsonPath([member.Name])}) END";
            var type = ColumnType.Of(member);
            foreach (var reason in Reasons(new CheckedValue(memberRaw, $"{name}.{member.Name}", member, type, PlannedColumn.CastOf(memberRaw, type),
                         member.Required || member.PrimaryKey, isObject, depth)))
                yield return reason;
        }
    }

    /// <summary>
    /// The rules of an array's items: each rule of an item, written for one item (<c>__mp_item_0</c>, one name per level of
    /// nesting), is tested on every item with a lambda; the message names the first item that breaks it, by its index from 0
    /// (<c>tags[2].label: …</c>; in nested arrays, the first item of each level that holds a breaking one:
    /// <c>lines[1].parts[0].code: …</c>). The index goes into the message where a marker character of its level stands.
    /// </summary>
    IEnumerable<(string Broken, string Message)> ItemReasons(string raw, string name, IReadOnlyList<ContractProperty> itemProperties, string isArray, int depth)
    {
        var item = $"__mp_item_{depth}";
        var marker = ((char)(1 + depth)).ToString();
        var list = $"CASE WHEN {isArray} THEN json_extract({raw}, '$[*]') END";
        var itemName = $"{name}[{marker}]";
        var itemIsObject = $"json_type({item}) = 'OBJECT'";
        var perItem = MemberReasons(item, itemName, itemProperties, itemIsObject, depth + 1)
            .Prepend(($"NOT {itemIsObject}", $"{Quote.Literal(itemName + ": ")} || left(CAST({item} AS VARCHAR), {ShownValueLength}) || ' is not a JSON object'"));
        foreach (var (broken, message) in perItem)
        {
            var flags = $"list_transform({list}, lambda {item}: coalesce({broken}, false))";
            var index = $"list_position({flags}, true)";
            yield return ($"coalesce(list_contains({flags}, true), false)",
                message.Replace(item, $"({list})[{index}]").Replace(marker, $"' || CAST({index} - 1 AS VARCHAR) || '"));
        }
    }

    /// <summary>
    /// The key values that occur more than once, with the first row of each, read from the silver staging table (its
    /// typed columns: a value that does not fit the type is NULL there and is no key).
    /// </summary>
    public string DuplicateKeysSelect(int key, string silver)
    {
        var columns = Keys[key];
        var values = columns.Select((c, i) => $"s.{Quote.Identifier(c.Name)} AS k{i}");
        var complete = columns.Select(c => $"s.{Quote.Identifier(c.Name)} IS NOT NULL");
        return $"SELECT {string.Join(", ", values)}, min(s.rowid) + 1 AS first_row FROM {silver} s WHERE {string.Join(" AND ", complete)} GROUP BY ALL HAVING count(*) > 1";
    }

    /// <summary>The later rows of a duplicated key and why: "order_id (primary key): 42 already appears in row 17".</summary>
    public string DuplicateRowsSelect(int key, string silver, string keysTable)
    {
        var columns = Keys[key];
        var join = string.Join(" AND ", columns.Select((c, i) => $"k.k{i} = s.{Quote.Identifier(c.Name)}"));
        string Shown(PlannedColumn c, int i) => c.Type.IsText ? $"'''' || k.k{i} || ''''" : $"CAST(k.k{i} AS VARCHAR)";
        var label = columns.Count == 1
            ? $"{Quote.Literal(columns[0].Name + (columns[0].Property.PrimaryKey ? " (primary key): " : ": "))} || {Shown(columns[0], 0)}"
            : $"{Quote.Literal($"primary key ({string.Join(", ", columns.Select(c => c.Name))}): (")} || concat_ws(', ', {string.Join(", ", columns.Select(Shown))}) || ')'";
        return $"SELECT s.rowid + 1 AS row, {key} AS key, {label} || ' already appears in row ' || k.first_row AS reason FROM {silver} s JOIN {keysTable} k ON {join} AND s.rowid + 1 > k.first_row";
    }
}
