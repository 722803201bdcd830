using System.Text.RegularExpressions;
using MeshPortal.Domain.Contracts;
using MeshPortal.Web.Features.Shared;

namespace MeshPortal.Web.Features.Contracts.Authoring;

/// <summary>
/// What is wrong with a draft, before it is saved: the wizard's own checks (what a person must fill in) and then
/// the official ODCS schema on the document it would save, each message keyed by JSON pointer.
/// </summary>
public static partial class DraftCheck
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]*$")]
    private static partial Regex IdPattern();

    /// <param name="newContract">True while the id is still being chosen (checked for the characters addresses allow).</param>
    /// <param name="domainMissing">True when a new contract has no owning portal domain chosen yet.</param>
    public static DraftErrors Run(ContractDraft draft, bool newContract = false, bool domainMissing = false)
    {
        var errors = new ValidationErrors();
        Fundamentals(draft, newContract, domainMissing, errors);
        Schema(draft, errors);
        Quality(draft, errors);
        Sla(draft, errors);
        Team(draft, errors);
        var own = errors.ToDictionary();
        var read = ContractDocument.FromJson(draft.ToJson());
        if (read.Succeeded) return new DraftErrors(own);
        // "Missing required field(s) name" on a row repeats the wizard's own "Name the property." beside the field.
        var schema = read.Errors.Where(e => !own.Keys.Any(k => k.StartsWith(e.Key + "/", StringComparison.Ordinal)) || own.ContainsKey(e.Key))
            .ToDictionary(e => e.Key, e => e.Value);
        return new DraftErrors(own).Merge(schema);
    }

    private static void Fundamentals(ContractDraft d, bool newContract, bool domainMissing, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(d.Id)) errors.Add("/id", "An id is required: it names the contract in every version.");
        else if (newContract && !IdPattern().IsMatch(d.Id.Trim()))
            errors.Add("/id", "Use letters, digits, '.', '_', ':' or '-', starting with a letter or digit.");
        else if (d.Id.Trim().Length > 200) errors.Add("/id", "An id has at most 200 characters.");
        if (string.IsNullOrWhiteSpace(d.Name)) errors.Add("/name", "A name is required: it is what people search for.");
        if (!SemVer.TryParse(d.Version, out _)) errors.Add("/version", "Use a semantic version MAJOR.MINOR.PATCH, e.g. 1.0.0.");
        if (!ContractDraft.EditableStatuses.Contains(d.Status)) errors.Add("/status", "A version being written is a draft or proposed; publishing makes it active.");
        if (domainMissing) errors.Add("domain", "Choose the portal domain that owns the contract.");
    }

    private static void Schema(ContractDraft d, ValidationErrors errors)
    {
        foreach (var o in d.Objects)
        {
            var at = d.PointerOf(o);
            if (string.IsNullOrWhiteSpace(o.Name)) errors.Add($"{at}/name", "Name the object (the table, view, topic or file).");
            else if (d.Objects.Count(x => x.Name.Trim() == o.Name.Trim()) > 1) errors.Add($"{at}/name", $"Another object is also called '{o.Name}'.");
            foreach (var p in o.Properties)
            {
                var pAt = d.PointerOf(o, p);
                if (string.IsNullOrWhiteSpace(p.Name)) errors.Add($"{pAt}/name", "Name the property.");
                else if (o.Properties.Count(x => x.Name.Trim() == p.Name.Trim()) > 1) errors.Add($"{pAt}/name", $"'{p.Name}' appears twice in {o.Name}.");
            }
        }
    }

    private static void Quality(ContractDraft d, ValidationErrors errors)
    {
        foreach (var (target, rule) in d.AllRules().Where(r => r.Rule.IsEditable))
        {
            var at = d.PointerOf(target, rule);
            if (rule.Type == "library" && string.IsNullOrWhiteSpace(rule.Metric)) errors.Add($"{at}/metric", "Choose a metric.");
            if (rule.Type == "sql" && string.IsNullOrWhiteSpace(rule.Query)) errors.Add($"{at}/query", "Write the query whose result is compared.");
            var numeric = rule.Operator is not ("mustBe" or "mustNotBe");
            if (string.IsNullOrWhiteSpace(rule.Value)) errors.Add($"{at}/{rule.Operator}", "Give the value to compare with.");
            else if (numeric && !JsonFields.TryNumber(rule.Value, out _)) errors.Add($"{at}/{rule.Operator}", $"{rule.Operator} compares with a number.");
            if (rule.IsBetween)
            {
                if (!JsonFields.TryNumber(rule.Value2, out _)) errors.Add($"{at}/{rule.Operator}", "Give both bounds as numbers.");
                else if (decimal.TryParse(rule.Value, System.Globalization.CultureInfo.InvariantCulture, out var low)
                         && decimal.TryParse(rule.Value2, System.Globalization.CultureInfo.InvariantCulture, out var high) && low >= high)
                    errors.Add($"{at}/{rule.Operator}", "The lower bound comes first and must be smaller than the upper one.");
            }
        }
    }

    private static void Sla(ContractDraft d, ValidationErrors errors)
    {
        foreach (var s in d.Sla)
        {
            var at = d.PointerOf(s);
            if (string.IsNullOrWhiteSpace(s.Property)) errors.Add($"{at}/property", "Choose what is promised.");
            if (string.IsNullOrWhiteSpace(s.Value)) errors.Add($"{at}/value", "Give the promised value.");
        }
    }

    private static void Team(ContractDraft d, ValidationErrors errors)
    {
        foreach (var m in d.Members.Where(m => string.IsNullOrWhiteSpace(m.Username)))
            errors.Add($"{d.PointerOf(m)}/username", "A username (or e-mail) is required.");
        foreach (var r in d.Roles.Where(r => string.IsNullOrWhiteSpace(r.Role)))
            errors.Add($"{d.PointerOf(r)}/role", "Name the role consumers request.");
    }
}
