namespace MeshPortal.Web.Components.Quality;

/// <summary>Where the quality views live, so every link to them is written once.</summary>
public static class QualityLinks
{
    /// <summary>The quantum page opened on its Quality tab.</summary>
    public static string Tab(Guid quantumId) => $"/quanta/{quantumId}?tab=quality";

    /// <summary>The quantum page opened on its Data tab, where data is onboarded.</summary>
    public static string DataTab(Guid quantumId) => $"/quanta/{quantumId}?tab=data";

    /// <summary>The mesh dashboard (null domain) or one domain's.</summary>
    public static string Dashboard(string? domainSlug = null) =>
        string.IsNullOrEmpty(domainSlug) ? "/quality" : $"/quality/{Uri.EscapeDataString(domainSlug)}";
}
