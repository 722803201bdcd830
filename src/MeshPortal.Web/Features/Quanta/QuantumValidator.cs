using MeshPortal.Domain;
using MeshPortal.Domain.Quanta;
using MeshPortal.Web.Features.Shared;

namespace MeshPortal.Web.Features.Quanta;

/// <summary>Checks a <see cref="QuantumInput"/> field by field; references to other quanta are checked by the service.</summary>
public static class QuantumValidator
{
    public const int MaxDescriptionLength = 20_000;
    public const int MaxTags = 20;
    public const int MaxPorts = 50;

    public sealed record Parsed(string Slug, string Name, string Description, Tier Tier, QuantumStatus? Status, List<string> Tags, List<Port> Ports);

    public static Parsed? Validate(QuantumInput input, ValidationErrors errors)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "A name is required.");
        else if (name.Length > 200) errors.Add("name", "A name has at most 200 characters.");

        var slug = input.Slug?.Trim() ?? "";
        if (Slug.Validate(slug) is { } slugError) errors.Add("slug", slugError);

        var description = input.Description ?? "";
        if (description.Length > MaxDescriptionLength) errors.Add("description", $"A description has at most {MaxDescriptionLength:N0} characters.");

        Tier tier = default;
        if (string.IsNullOrWhiteSpace(input.Tier)) errors.Add("tier", $"A tier is required: {EnumText.Choices<Tier>()}.");
        else if (!EnumText.TryParse(input.Tier, out tier)) errors.Add("tier", $"'{input.Tier}' is not a tier; use {EnumText.Choices<Tier>()}.");

        QuantumStatus? status = null;
        if (!string.IsNullOrWhiteSpace(input.Status))
        {
            if (EnumText.TryParse<QuantumStatus>(input.Status, out var s)) status = s;
            else errors.Add("status", $"'{input.Status}' is not a status; use {EnumText.Choices<QuantumStatus>()}.");
        }

        var tags = ValidateTags(input.Tags, errors);
        var ports = ValidatePorts(input.Ports, errors);
        return errors.Any ? null : new Parsed(slug, name, description, tier, status, tags, ports);
    }

    private static List<string> ValidateTags(List<string>? input, ValidationErrors errors)
    {
        var tags = (input ?? []).Select(t => (t ?? "").Trim().ToLowerInvariant()).Distinct().ToList();
        if (tags.Count > MaxTags) errors.Add("tags", $"At most {MaxTags} tags.");
        foreach (var tag in tags)
        {
            if (tag.Length is 0 or > 50 || !tag.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.'))
                errors.Add("tags", $"Tag '{tag}': use 1 to 50 lowercase letters, digits, '-', '_' or '.'.");
        }
        return tags;
    }

    private static List<Port> ValidatePorts(List<PortInput>? input, ValidationErrors errors)
    {
        var ports = new List<Port>();
        if (input is null) return ports;
        if (input.Count > MaxPorts) errors.Add("ports", $"At most {MaxPorts} ports.");
        for (var i = 0; i < input.Count; i++)
        {
            var p = input[i];
            var prefix = $"ports[{i}]";
            if (!EnumText.TryParse<PortDirection>(p.Direction, out var direction))
            {
                errors.Add($"{prefix}.direction", $"'{p.Direction}' is not a port direction; use {EnumText.Choices<PortDirection>()}.");
                continue;
            }
            var port = new Port
            {
                Direction = direction,
                Name = p.Name?.Trim() ?? "",
                Kind = p.Kind?.Trim().ToLowerInvariant() ?? "",
                Description = p.Description?.Trim() ?? "",
                Source = direction == PortDirection.Input ? p.Source?.Trim() : null,
                UpstreamQuantumId = direction == PortDirection.Input ? p.UpstreamQuantumId : null,
                UpstreamPort = direction == PortDirection.Input ? p.UpstreamPort?.Trim() : null,
                Endpoint = direction == PortDirection.Management ? p.Endpoint?.Trim() : null,
            };
            foreach (var (field, message) in PortKinds.Validate(port)) errors.Add($"{prefix}.{field}", message);
            if (port.Description.Length > 2000) errors.Add($"{prefix}.description", "A port description has at most 2,000 characters.");
            if (ports.Any(q => q.Direction == direction && q.Name == port.Name))
                errors.Add($"{prefix}.name", $"Two {EnumText.Of(direction)} ports are named '{port.Name}'.");
            ports.Add(port);
        }
        return ports;
    }
}
