namespace MeshPortal.Web.Components.Onboarding;

/// <summary>
/// The per-field messages of a refused write, looked up by field whatever the key's casing or separators ("outputPort",
/// "output_port", "OutputPort"), so each message shows beside its field; the ones no field claims are shown above the form.
/// </summary>
public sealed class FieldErrors
{
    public static readonly FieldErrors None = new(new Dictionary<string, string[]>());

    private readonly Dictionary<string, string[]> _byKey;

    public FieldErrors(IReadOnlyDictionary<string, string[]> errors) =>
        _byKey = errors.GroupBy(e => Normalize(e.Key)).ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray());

    public bool Any => _byKey.Count > 0;

    public bool Has(params string[] fields) => fields.Any(f => _byKey.ContainsKey(Normalize(f)));

    public string? Of(params string[] fields)
    {
        var messages = fields.SelectMany(f => _byKey.TryGetValue(Normalize(f), out var m) ? m : []).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    /// <summary>Messages of every field not in <paramref name="shown"/>.</summary>
    public IReadOnlyList<string> Except(params string[] shown)
    {
        var known = shown.Select(Normalize).ToHashSet();
        return _byKey.Where(e => !known.Contains(e.Key)).SelectMany(e => e.Value).ToList();
    }

    private static string Normalize(string key) => new string(key.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
}
