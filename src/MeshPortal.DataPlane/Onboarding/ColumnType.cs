using System.Text.RegularExpressions;
using MeshPortal.Domain.Contracts;

namespace MeshPortal.DataPlane.Onboarding;

internal enum TypeKind { Text, Integer, Decimal, Float, Boolean, Date, Timestamp, Time, Uuid }

/// <summary>
/// The DuckDB type a contract property's values are cast to in silver, and how a value that does not fit is described
/// ("'abc' is not a number"). The physical type wins when it is one we know (VARCHAR(20), BIGINT, DECIMAL(12,2),
/// DATETIME2, NUMBER(10)…); else the ODCS logical type; else text.
/// </summary>
internal sealed partial record ColumnType(string Sql, TypeKind Kind, string Description)
{
    static readonly ColumnType Text = new("VARCHAR", TypeKind.Text, "text");
    static readonly ColumnType BigInt = new("BIGINT", TypeKind.Integer, "an integer");
    static readonly ColumnType Double = new("DOUBLE", TypeKind.Float, "a number");

    public bool IsText => Kind == TypeKind.Text;

    public static ColumnType Of(ContractProperty property) =>
        FromPhysical(property.PhysicalType) ?? FromLogical(property.LogicalType) ?? Text;

    public static ColumnType? FromLogical(string? logicalType) => logicalType?.Trim().ToLowerInvariant() switch
    {
        "string" or "object" or "array" => Text,
        "integer" or "long" or "int" => BigInt,
        "number" or "double" or "float" => Double,
        "decimal" => Double,
        "boolean" or "bool" => new("BOOLEAN", TypeKind.Boolean, "a boolean (true or false)"),
        "date" => new("DATE", TypeKind.Date, "a date (YYYY-MM-DD)"),
        "timestamp" or "datetime" => new("TIMESTAMP", TypeKind.Timestamp, "a timestamp (YYYY-MM-DD HH:MM:SS)"),
        "time" => new("TIME", TypeKind.Time, "a time (HH:MM:SS)"),
        _ => null,
    };

    public static ColumnType? FromPhysical(string? physicalType)
    {
        if (string.IsNullOrWhiteSpace(physicalType)) return null;
        var match = Physical().Match(physicalType.Trim());
        if (!match.Success) return null;
        var name = Blank().Replace(match.Groups["name"].Value.ToUpperInvariant(), " ");
        var args = match.Groups["args"].Success
            ? match.Groups["args"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
        return name switch
        {
            "VARCHAR" or "CHAR" or "NVARCHAR" or "NCHAR" or "TEXT" or "STRING" or "CLOB" or "NCLOB" or "VARCHAR2" or "NVARCHAR2"
                or "CHARACTER" or "CHARACTER VARYING" or "BPCHAR" or "NTEXT" or "JSON" or "JSONB" or "XML" or "ENUM" => Text,
            "BIGINT" or "INT8" or "INT64" or "LONG" or "BIGSERIAL" => BigInt,
            "INT" or "INTEGER" or "INT4" or "INT32" or "MEDIUMINT" or "SERIAL" => new("INTEGER", TypeKind.Integer, "an integer (32-bit)"),
            "SMALLINT" or "INT2" or "INT16" or "SMALLSERIAL" => new("SMALLINT", TypeKind.Integer, "an integer (16-bit)"),
            "TINYINT" or "INT1" => new("TINYINT", TypeKind.Integer, "an integer (8-bit)"),
            "HUGEINT" => new("HUGEINT", TypeKind.Integer, "an integer"),
            "DECIMAL" or "NUMERIC" or "NUMBER" or "DEC" => Decimal(args),
            "MONEY" or "SMALLMONEY" => new("DECIMAL(19,4)", TypeKind.Decimal, "an amount with at most 15 digits before the decimal point"),
            "DOUBLE" or "DOUBLE PRECISION" or "FLOAT" or "FLOAT8" or "FLOAT64" or "BINARY_DOUBLE" => Double,
            "REAL" or "FLOAT4" or "FLOAT32" or "BINARY_FLOAT" => new("REAL", TypeKind.Float, "a number"),
            "BOOLEAN" or "BOOL" or "BIT" or "LOGICAL" => FromLogical("boolean"),
            "DATE" => FromLogical("date"),
            "TIMESTAMP" or "DATETIME" or "DATETIME2" or "SMALLDATETIME" or "TIMESTAMP WITHOUT TIME ZONE" or "TIMESTAMP_NTZ" => FromLogical("timestamp"),
            "TIMESTAMPTZ" or "TIMESTAMP WITH TIME ZONE" or "DATETIMEOFFSET" or "TIMESTAMP_TZ" or "TIMESTAMP_LTZ"
                => new("TIMESTAMPTZ", TypeKind.Timestamp, "a timestamp with a time zone (YYYY-MM-DD HH:MM:SS+HH:MM)"),
            "TIME" or "TIME WITHOUT TIME ZONE" => FromLogical("time"),
            "UUID" or "UNIQUEIDENTIFIER" or "GUID" => new("UUID", TypeKind.Uuid, "a UUID"),
            _ => null,
        };
    }

    /// <summary>DECIMAL(p,s) as DuckDB has it (precision up to 38); without a precision, or beyond it, a double.</summary>
    static ColumnType Decimal(string[] args)
    {
        if (args.Length == 0 || !int.TryParse(args[0], out var precision) || precision is < 1 or > 38) return Double;
        var scale = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 0;
        if (scale < 0 || scale > precision) return Double;
        return scale == 0
            ? new($"DECIMAL({precision},0)", TypeKind.Integer, $"an integer of at most {precision} digits")
            : new($"DECIMAL({precision},{scale})", TypeKind.Decimal, $"a number with at most {precision - scale} digits before the decimal point");
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z][A-Za-z0-9_]*(\s+[A-Za-z][A-Za-z0-9_]*)*)\s*(\((?<args>[^)]*)\))?(\s+[A-Za-z ]+)?$")]
    private static partial Regex Physical();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Blank();
}
