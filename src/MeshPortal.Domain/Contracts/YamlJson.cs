using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MeshPortal.Domain.Contracts;

/// <summary>
/// Reads YAML (or JSON, which is YAML) into <see cref="JsonNode"/>s, the form JSON Schema validates, and
/// writes it back. Plain scalars are typed by the YAML 1.2 core schema; quoted scalars stay strings.
/// Timestamps stay strings, as JSON has no date type. Limits are enforced while reading.
/// </summary>
public static partial class YamlJson
{
    public static JsonNode? Parse(string text, DocumentLimits? limits = null)
    {
        limits ??= DocumentLimits.Default;
        if (Encoding.UTF8.GetByteCount(text) > limits.MaxBytes)
            throw new DocumentFormatException($"The document is larger than {limits.MaxBytes / (1024 * 1024)} MB.");
        var scanner = new Scanner(new StringReader(text));
        var reader = new Reader(new Parser(scanner), limits);
        try
        {
            return reader.ReadDocument();
        }
        catch (YamlException e)
        {
            throw new DocumentFormatException($"Invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", (int)e.Start.Line, (int)e.Start.Column);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed input (e.g. a flow sequence left open before a
            // block mapping); it is still the document's fault, so say where the scanner stopped.
            var at = scanner.CurrentPosition;
            throw new DocumentFormatException($"Invalid YAML at line {at.Line}, column {at.Column}: the parser cannot read on from here; look for an unclosed bracket or quote above.", (int)at.Line, (int)at.Column);
        }
    }

    /// <summary>A refusal at a place in the document, named in the message too, since that is what a person reads.</summary>
    private static DocumentFormatException At(ParsingEvent at, string message) =>
        new($"{message.TrimEnd('.')} (line {at.Start.Line}, column {at.Start.Column}).", (int)at.Start.Line, (int)at.Start.Column);

    private sealed class Reader(IParser parser, DocumentLimits limits)
    {
        // Each anchored node with its size in values, so an alias is counted against the budget without walking it.
        private readonly Dictionary<string, (JsonNode? Node, int Size)> _anchors = new(StringComparer.Ordinal);
        private int _nodes;
        private int _aliasNodes;

        public JsonNode? ReadDocument()
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _)) throw new DocumentFormatException("The document is empty.", 1, 1);
            parser.Consume<DocumentStart>();
            var root = ReadNode(1);
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
                throw At(parser.Current!, "The file holds more than one YAML document; send one contract per upload.");
            return root;
        }

        private JsonNode? ReadNode(int depth)
        {
            var current = parser.Current!;
            if (depth > limits.MaxDepth)
                throw At(current, $"The document nests deeper than {limits.MaxDepth} levels.");
            var before = _nodes;
            Count(1, current);
            switch (current)
            {
                case AnchorAlias alias:
                    parser.MoveNext();
                    if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                        throw At(alias, $"Unknown alias *{alias.Value}.");
                    // Every use of an alias is a full copy in the JSON view: count its size against the budget before copying.
                    _aliasNodes += anchored.Size;
                    if (_aliasNodes > limits.MaxAliasNodes)
                        throw At(alias, $"Aliases in the document expand to more than {limits.MaxAliasNodes:N0} values; it is refused");
                    Count(anchored.Size, alias);
                    return anchored.Node?.DeepClone();
                case Scalar scalar:
                    parser.MoveNext();
                    return Remember(scalar.Anchor, ToValue(scalar), 1);
                case SequenceStart start:
                {
                    parser.MoveNext();
                    var array = new JsonArray();
                    while (!parser.TryConsume<SequenceEnd>(out _)) array.Add(ReadNode(depth + 1));
                    return Remember(start.Anchor, array, _nodes - before);
                }
                case MappingStart start:
                {
                    parser.MoveNext();
                    var obj = new JsonObject();
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var keyEvent = parser.Current!;
                        var key = ReadNode(depth + 1) switch
                        {
                            JsonValue v => v.ToString(),
                            null => "null",
                            _ => throw At(keyEvent, "Mapping keys must be plain values."),
                        };
                        if (obj.ContainsKey(key))
                            throw At(keyEvent, $"Duplicate key '{key}'.");
                        obj[key] = ReadNode(depth + 1);
                    }
                    return Remember(start.Anchor, obj, _nodes - before);
                }
                default:
                    throw At(current, $"Unexpected YAML element {current.GetType().Name}.");
            }
        }

        private JsonNode? Remember(AnchorName anchor, JsonNode? node, int size)
        {
            if (!anchor.IsEmpty) _anchors[anchor.Value] = (node, size);
            return node;
        }

        private void Count(int nodes, ParsingEvent at)
        {
            _nodes += nodes;
            if (_nodes > limits.MaxNodes)
                throw At(at, $"The document expands to more than {limits.MaxNodes:N0} values (aliases included); it is refused.");
        }
    }

    private static JsonNode? ToValue(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style is not ScalarStyle.Plain || (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "tag:yaml.org,2002:str")) return JsonValue.Create(text);
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (FloatPattern().IsMatch(text))
        {
            // decimal keeps "0.10" exact; numbers beyond its range fall back to double.
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m)) return JsonValue.Create(m);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return JsonValue.Create(d);
        }
        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    /// <summary>Writes a JSON tree as block-style YAML, quoting strings that plain YAML would read as something else.</summary>
    public static string Write(JsonNode? node)
    {
        var sb = new StringBuilder();
        var emitter = new Emitter(new StringWriter(sb));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return sb.ToString();
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    emitter.Emit(StringScalar(key));
                    Emit(emitter, value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array) Emit(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                emitter.Emit(StringScalar(value.GetValue<string>()));
                break;
            case JsonValue value:
                emitter.Emit(new Scalar(null, null, value.ToJsonString(), ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static Scalar StringScalar(string text)
    {
        if (text.Contains('\n')) return new Scalar(null, null, text, ScalarStyle.Literal, true, false);
        var plainWouldChangeType = ToValue(new Scalar(null, null, text, ScalarStyle.Plain, true, false)) is not JsonValue v || v.GetValueKind() != JsonValueKind.String;
        return new Scalar(null, null, text, plainWouldChangeType ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, true, !plainWouldChangeType);
    }
}
