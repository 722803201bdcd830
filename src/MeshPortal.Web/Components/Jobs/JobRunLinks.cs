using MeshPortal.Web.Features.Jobs;

namespace MeshPortal.Web.Components.Jobs;

/// <summary>The Jobs page's address for a filter (?kind=&amp;status=&amp;domain=&amp;mine=), and back: a filtered view can be shared.</summary>
public static class JobRunLinks
{
    public const string Page = "/job-runs";

    public static string Key(JobKind kind) => kind == JobKind.Onboarding ? "onboarding" : "quality";

    public static string Href(JobRunFilter filter)
    {
        var query = new List<string>();
        if (filter.Kind is { } kind) query.Add("kind=" + Key(kind));
        if (filter.Status != JobStatusFilter.All) query.Add("status=" + (filter.Status == JobStatusFilter.Active ? "active" : "failed"));
        if (filter.Domain is { } domain) query.Add("domain=" + Uri.EscapeDataString(domain));
        if (filter.MyDomains) query.Add("mine=true");
        return query.Count == 0 ? Page : Page + "?" + string.Join('&', query);
    }

    /// <summary>The filter of the page's query values; unknown values mean no filter.</summary>
    public static JobRunFilter Parse(string? kind, string? status, string? domain, bool mine) => new(
        kind switch
        {
            "onboarding" => JobKind.Onboarding,
            "quality" => JobKind.Quality,
            _ => null,
        },
        status switch
        {
            "active" => JobStatusFilter.Active,
            "failed" => JobStatusFilter.Failed,
            _ => JobStatusFilter.All,
        },
        string.IsNullOrWhiteSpace(domain) ? null : domain.Trim(),
        mine);

    public static JobKind? ParseKind(string? kind) => Parse(kind, null, null, false).Kind;
}
