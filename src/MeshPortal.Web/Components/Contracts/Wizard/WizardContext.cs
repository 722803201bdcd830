using System.Text.Json.Nodes;
using MeshPortal.Web.Features.Contracts.Authoring;
using MeshPortal.Web.Features.Domains;

namespace MeshPortal.Web.Components.Contracts.Wizard;

/// <summary>What the wizard's steps share: the draft being edited, its errors, and the choices around it.</summary>
public sealed class WizardContext
{
    public required ContractDraft Draft { get; init; }
    public DraftErrors Errors { get; set; } = DraftErrors.None;
    /// <summary>The id cannot change any more: the draft is saved, or this is a new version of an existing contract.</summary>
    public bool IdFixed { get; set; }
    /// <summary>The id was typed by hand, so it no longer follows the name.</summary>
    public bool IdTouched { get; set; }
    /// <summary>Domains the caller may add contracts to (a new contract chooses one).</summary>
    public IReadOnlyList<DomainDto> Domains { get; set; } = [];
    /// <summary>The portal domain chosen for a new contract.</summary>
    public string? Domain { get; set; }
    /// <summary>The name of the domain owning the contract, when it exists already (then it cannot be chosen).</summary>
    public string? FixedDomainName { get; set; }
    /// <summary>A child contract: the parent's effective document, to show what is inherited.</summary>
    public JsonObject? Parent { get; set; }
    /// <summary>A template may still replace the schema (a new contract not saved yet).</summary>
    public bool CanUseTemplate { get; set; }
    /// <summary>Called after a change in a step, so the wizard can recheck the errors shown.</summary>
    public Func<Task> Changed { get; set; } = () => Task.CompletedTask;

    public bool Has(string key) => Errors.Has(key);

    public string? Err(string key) => Errors.Text(key);
}
