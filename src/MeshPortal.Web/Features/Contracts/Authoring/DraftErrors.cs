namespace MeshPortal.Web.Features.Contracts.Authoring;

/// <summary>Messages by key (JSON pointer or field name), as the wizard shows them beside fields and per step.</summary>
public sealed class DraftErrors
{
    public static readonly DraftErrors None = new(new Dictionary<string, string[]>());

    private readonly IReadOnlyDictionary<string, string[]> _errors;

    public DraftErrors(IReadOnlyDictionary<string, string[]> errors) => _errors = errors;

    public IReadOnlyDictionary<string, string[]> All => _errors;

    public bool Any => _errors.Count > 0;

    public bool Has(string key) => _errors.ContainsKey(key);

    public string? Text(string key) => _errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    public IEnumerable<(string Key, string Message)> ForStep(WizardStep step) =>
        _errors.Where(e => WizardSteps.StepOf(e.Key) == step).OrderBy(e => e.Key, StringComparer.Ordinal)
            .SelectMany(e => e.Value.Select(m => (e.Key, m)));

    public bool AnyIn(WizardStep step) => _errors.Keys.Any(k => WizardSteps.StepOf(k) == step);

    public DraftErrors Merge(IReadOnlyDictionary<string, string[]> more)
    {
        var merged = _errors.ToDictionary(e => e.Key, e => e.Value);
        foreach (var (key, messages) in more)
            merged[key] = merged.TryGetValue(key, out var existing) ? existing.Concat(messages).Distinct().ToArray() : messages;
        return new DraftErrors(merged);
    }
}
