using System.Buffers.Binary;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Xml;
using MySqlConnector;

namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// A relational value as bronze text, the same whatever the server's culture: numbers in invariant culture, dates
/// and times ISO 8601 (a UTC timestamp ends in Z), booleans true/false, bytes as lower-case hex, arrays as JSON,
/// SQL NULL as null.
/// </summary>
public static class RelationalValueText
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="dataTypeName">The column's type as the driver names it (decides date vs timestamp, interval vs time, SQLite booleans).</param>
    public static string? Format(object? value, string dataTypeName, RelationalKind kind)
    {
        var type = dataTypeName.ToLowerInvariant();
        return value switch
        {
            null or DBNull => null,
            string s => s,
            bool b => b ? "true" : "false",
            long l when kind == RelationalKind.Sqlite && type is "boolean" or "bool" or "bit" => l == 0 ? "false" : "true",
            DateTime d when type == "date" || (kind == RelationalKind.Sqlite && type == "date") => d.ToString("yyyy-MM-dd", Invariant),
            DateTime d => Timestamp(d, kind),
            DateOnly d => d.ToString("yyyy-MM-dd", Invariant),
            TimeOnly t => Clock(t.ToTimeSpan()),
            DateTimeOffset o when type.StartsWith("time with", StringComparison.Ordinal) => Clock(o.TimeOfDay) + Offset(o.Offset),
            DateTimeOffset o => o.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", Invariant) + Offset(o.Offset),
            TimeSpan t when !type.Contains("interval") && t >= TimeSpan.Zero && t < TimeSpan.FromDays(1) => Clock(t),
            TimeSpan t => XmlConvert.ToString(t),
            MySqlDateTime m => m.IsValidDateTime ? Format(m.GetDateTime(), dataTypeName, kind) : null,
            byte[] bytes => Convert.ToHexStringLower(bytes),
            Guid g => g.ToString("D"),
            double or float => ((IFormattable)value).ToString("R", Invariant),
            IFormattable f and (decimal or BigInteger or sbyte or byte or short or ushort or int or uint or long or ulong) => f.ToString(null, Invariant),
            BitArray bits => string.Concat(bits.Cast<bool>().Select(b => b ? '1' : '0')),
            IDictionary dictionary => Json(dictionary, dataTypeName, kind),
            IEnumerable items => Json(items, dataTypeName, kind),
            IFormattable f => f.ToString(null, Invariant),
            _ => value.ToString(),
        };
    }

    /// <summary>
    /// A PostgreSQL numeric in its binary wire format (sign, weight, scale, base-10000 digits) as text: the fallback
    /// for values a decimal cannot hold (more than 28 digits, NaN, ±Infinity).
    /// </summary>
    public static string PostgresNumeric(byte[] wire)
    {
        var count = BinaryPrimitives.ReadInt16BigEndian(wire);
        var weight = BinaryPrimitives.ReadInt16BigEndian(wire.AsSpan(2));
        var sign = BinaryPrimitives.ReadUInt16BigEndian(wire.AsSpan(4));
        var scale = BinaryPrimitives.ReadInt16BigEndian(wire.AsSpan(6));
        switch (sign)
        {
            case 0xC000: return "NaN";
            case 0xD000: return "Infinity";
            case 0xF000: return "-Infinity";
        }
        short Digit(int index) => index >= 0 && index < count ? BinaryPrimitives.ReadInt16BigEndian(wire.AsSpan(8 + 2 * index)) : (short)0;
        var text = new StringBuilder();
        if (sign == 0x4000) text.Append('-');
        if (weight < 0) text.Append('0');
        for (var i = 0; i <= weight; i++)
            text.Append(i == 0 ? Digit(i).ToString(Invariant) : Digit(i).ToString("D4", Invariant));
        if (scale > 0)
        {
            var fraction = new StringBuilder();
            for (var i = weight + 1; fraction.Length < scale; i++) fraction.Append(Digit(i).ToString("D4", Invariant));
            text.Append('.').Append(fraction.ToString(0, scale));
        }
        return text.ToString();
    }

    static string Timestamp(DateTime d, RelationalKind kind)
    {
        // Npgsql reads PostgreSQL's 'infinity' timestamps as the extreme DateTime values.
        if (kind == RelationalKind.PostgreSql && d == DateTime.MaxValue) return "infinity";
        if (kind == RelationalKind.PostgreSql && d == DateTime.MinValue) return "-infinity";
        var text = d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", Invariant);
        return d.Kind == DateTimeKind.Utc ? text + "Z" : text;
    }

    static string Clock(TimeSpan t)
    {
        var text = t.ToString(@"hh\:mm\:ss", Invariant);
        var fraction = t.Ticks % TimeSpan.TicksPerSecond;
        return fraction == 0 ? text : text + "." + fraction.ToString("D7", Invariant).TrimEnd('0');
    }

    static string Offset(TimeSpan offset) =>
        offset == TimeSpan.Zero ? "Z" : (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", Invariant);

    static string Json(IEnumerable items, string dataTypeName, RelationalKind kind)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps "é" and quotes readable; the text is data, never embedded in HTML as is.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(json, items, dataTypeName.TrimEnd('[', ']'), kind);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static void Write(Utf8JsonWriter json, object? value, string elementType, RelationalKind kind)
    {
        switch (value)
        {
            case null or DBNull:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case sbyte or byte or short or ushort or int or uint or long or ulong or decimal or BigInteger:
                json.WriteRawValue(((IFormattable)value).ToString(null, Invariant));
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case float f when float.IsFinite(f):
                json.WriteNumberValue(f);
                break;
            case IDictionary dictionary:
                json.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    json.WritePropertyName(Convert.ToString(entry.Key, Invariant) ?? "");
                    Write(json, entry.Value, elementType, kind);
                }
                json.WriteEndObject();
                break;
            case IEnumerable items and not string and not byte[] and not BitArray:
                json.WriteStartArray();
                foreach (var item in items) Write(json, item, elementType, kind);
                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Format(value, elementType, kind));
                break;
        }
    }
}
