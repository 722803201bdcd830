using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace MeshPortal.Domain.Contracts;

/// <summary>One reason a document does not conform to the ODCS schema, at a JSON pointer into the document.</summary>
public sealed record SchemaError(string Pointer, string Message);

/// <summary>
/// Validates documents against the official ODCS v3.1.0 JSON Schema (shipped as an embedded resource).
/// v3.1.0's schema also accepts apiVersion v3.0.x documents, which is how the v3.0 examples validate.
/// </summary>
public static class OdcsSchema
{
    public static readonly string[] AcceptedApiVersions = ["v3.0.0", "v3.0.1", "v3.0.2", "v3.1.0"];

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(OdcsSchema).Assembly.GetManifestResourceStream("MeshPortal.Domain.Contracts.Schemas.odcs-json-schema-v3.1.0.json")
                           ?? throw new InvalidOperationException("The ODCS schema resource is missing from the build.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    });

    // One shared instance: JsonSchema.Net rebuilds its cached constraints whenever it sees new options, which is slower
    // and, under concurrent evaluations, can report wrong errors (json-everything/json-everything#929).
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };
    // The detailed list costs about five times the plain check (one result node per evaluated keyword), so a
    // valid document, the common case, is only checked; the list is built for invalid ones alone.
    private static readonly EvaluationOptions FlagOptions = new() { OutputFormat = OutputFormat.Flag };

    /// <summary>Every error, most specific first; empty when the document is valid.</summary>
    public static IReadOnlyList<SchemaError> Validate(JsonNode? document)
    {
        if (document is not JsonObject obj) return [new SchemaError("", "A data contract is a mapping (object) at the top level.")];
        var errors = new List<SchemaError>();
        var apiVersion = obj["apiVersion"]?.GetValueKind() == JsonValueKind.String ? obj["apiVersion"]!.GetValue<string>() : null;
        if (apiVersion is not null && !AcceptedApiVersions.Contains(apiVersion))
            errors.Add(new SchemaError("/apiVersion", $"apiVersion '{apiVersion}' is not supported; use one of {string.Join(", ", AcceptedApiVersions)}."));

        using var json = JsonDocument.Parse(obj.ToJsonString());
        if (Schema.Value.Evaluate(json.RootElement, FlagOptions).IsValid) return errors;
        var results = Schema.Value.Evaluate(json.RootElement, Options);
        if (results.IsValid) return errors;
        errors.AddRange(Meaningful(results));
        return errors;
    }

    /// <summary>
    /// The List output reports every failed branch, including the conditions of if/then (which are not errors)
    /// and "unevaluatedProperties" failures that only echo a failure deeper down. Keep what a person would fix.
    /// </summary>
    private static IEnumerable<SchemaError> Meaningful(EvaluationResults results)
    {
        var raw = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 } && !d.EvaluationPath.ToString().Contains("/if/"))
            .SelectMany(d => d.Errors!.Select(e => (Pointer: d.InstanceLocation.ToString(), Keyword: e.Key, Message: e.Value, Path: d.EvaluationPath.ToString())))
            .ToList();
        static bool IsEcho((string Pointer, string Keyword, string Message, string Path) e) =>
            e.Keyword == "unevaluatedProperties" || e.Path.EndsWith("/unevaluatedProperties", StringComparison.Ordinal);
        var specific = raw.Where(e => !IsEcho(e) && !e.Path.Contains("/oneOf/") && !e.Path.Contains("/anyOf/")).ToList();
        // A failure inside an object drops its annotations, so "unevaluatedProperties" then flags every field of it,
        // known or not. A field some properties keyword evaluated is one the standard defines; only the others are unknown.
        var declared = (results.Details ?? [])
            .Select(d => (Pointer: d.InstanceLocation.ToString(), Path: d.EvaluationPath.ToString()))
            .Where(d => d.Pointer.Length > 0 && !d.Path.Contains("/if/") && Declares(d.Path, Last(d.Pointer)))
            .Select(d => d.Pointer)
            .ToHashSet(StringComparer.Ordinal);
        var echoes = raw.Where(e => IsEcho(e) && !declared.Contains(e.Pointer))
            .Select(e => e with { Message = $"'{Last(e.Pointer)}' is not a field the standard defines here." });
        // A branch of anyOf/oneOf failing is no error when the keyword as a whole passed (another branch matched).
        var validAt = (results.Details ?? []).Where(d => d.IsValid)
            .Select(d => (d.InstanceLocation.ToString(), d.EvaluationPath.ToString())).ToHashSet();
        static string Owner(string path) => path[..Math.Max(path.LastIndexOf("/anyOf/", StringComparison.Ordinal), path.LastIndexOf("/oneOf/", StringComparison.Ordinal))];
        var alternatives = raw.Where(e => (e.Path.Contains("/oneOf/") || e.Path.Contains("/anyOf/"))
                                          && !specific.Any(s => s.Pointer == e.Pointer)
                                          && !validAt.Contains((e.Pointer, Owner(e.Path))))
            .GroupBy(e => e.Pointer)
            .Select(g => g.First() with { Message = "Matches none of the allowed forms: " + string.Join("; ", g.Select(x => x.Message).Distinct().Take(3)) });
        return specific.Concat(echoes).Concat(alternatives)
            .GroupBy(e => (e.Pointer, e.Message))
            .Select(g => new SchemaError(g.Key.Pointer, Describe(g.First().Keyword, g.Key.Message)))
            .OrderBy(e => e.Pointer, StringComparer.Ordinal);
    }

    private static string Describe(string keyword, string message) => keyword switch
    {
        "required" => message.Replace("Required properties", "Missing required field(s)"),
        _ => message,
    };

    private static bool Declares(string evaluationPath, string field) =>
        evaluationPath.EndsWith("/properties/" + field, StringComparison.Ordinal)
        || evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal)
        || evaluationPath[..Math.Max(0, evaluationPath.LastIndexOf('/'))].EndsWith("/patternProperties", StringComparison.Ordinal);

    private static string Last(string pointer) => pointer[(pointer.LastIndexOf('/') + 1)..];
}
