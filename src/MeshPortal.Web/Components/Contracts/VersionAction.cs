namespace MeshPortal.Web.Components.Contracts;

/// <summary>A lifecycle action asked for on one version: publish, deprecate, retire, reactivate or delete.</summary>
public sealed record VersionAction(string Version, string Kind)
{
    public string Verb => Kind switch
    {
        "publish" => "Publish",
        "deprecate" => "Deprecate",
        "retire" => "Retire",
        "reactivate" => "Reactivate",
        "delete" => "Delete draft",
        _ => Kind,
    };

    public string Consequence => Kind switch
    {
        "publish" => "It becomes active and immutable; consumers may rely on it. Older active versions of the same major are deprecated.",
        "deprecate" => "Consumers are told to move to a newer version; it stays readable until it is retired.",
        "retire" => "This is final: consumers pinned to it are flagged, and no port can bind it again.",
        "reactivate" => "It becomes active again, e.g. while consumers cannot move yet.",
        "delete" => "The draft is removed for good. Versions that were published are not affected.",
        _ => "",
    };
}
