using MeshPortal.Domain.Identity;
using MeshPortal.Web.Components.Jobs;
using MeshPortal.Web.Features.Domains;
using MeshPortal.Web.Features.Jobs;
using MeshPortal.Web.Features.Onboarding;
using MeshPortal.Web.Identity;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Pages.Jobs;

/// <summary>
/// The Jobs page: every quantum's onboarding and quality runs, newest first, what is under way now, and two weeks of
/// outcomes by day, filtered by the address (<see cref="JobRunLinks"/>). While a run is queued or running the page reloads itself every <see cref="PollInterval"/>.
/// </summary>
public partial class JobRunsPage : IDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    [Inject] private JobRunsService Jobs { get; set; } = default!;
    [Inject] private OnboardingService Onboarding { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private DomainService Domains { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "kind")] public string? KindKey { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? StatusKey { get; set; }
    [SupplyParameterFromQuery(Name = "domain")] public string? DomainKey { get; set; }
    [SupplyParameterFromQuery(Name = "mine")] public bool Mine { get; set; }

    private readonly List<BreadcrumbItem> _breadcrumbs = [new("Home", "/"), new("Jobs", null, disabled: true)];
    private readonly CancellationTokenSource _disposed = new();
    private readonly HashSet<Guid> _cancelling = [];
    private CancellationTokenSource? _poll;
    private List<DomainDto> _domains = [];
    private Caller? _caller;
    private JobRunFilter _filter = new();
    private JobRunsOverview? _overview;
    private bool _loading = true;
    private bool _polling;
    private bool _loadingMore;
    private int _take = JobRunsService.PageSize;

    private DateTimeOffset Now => Clock.GetUtcNow();

    protected override async Task OnInitializedAsync()
    {
        _caller = await CurrentCaller.GetAsync(_disposed.Token);
        _domains = await Domains.ListAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        StopPolling();
        _filter = JobRunLinks.Parse(KindKey, StatusKey, DomainKey, Mine);
        _take = JobRunsService.PageSize;
        _loading = true;
        await LoadAsync(_disposed.Token);
        _loading = false;
        if (RendererInfo.IsInteractive && _overview?.AnyActive == true) StartPolling();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (_caller is null) return;
        _overview = await Jobs.OverviewAsync(_caller, _filter, _take, ct);
    }

    private void StartPolling()
    {
        _poll = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        _polling = true;
        _ = PollAsync(_poll.Token);
    }

    private void StopPolling()
    {
        _poll?.Cancel();
        _poll?.Dispose();
        _poll = null;
        _polling = false;
    }

    /// <summary>Reloads until nothing is queued or running; the load that finds none shows how the last runs ended.</summary>
    private async Task PollAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(PollInterval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                await LoadAsync(ct);
                if (_overview?.AnyActive != true) _polling = false;
                await InvokeAsync(StateHasChanged);
                if (!_polling) return;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
            // The page (and its renderer) went away while a reload was under way: nothing left to show it on.
        }
    }

    private async Task ShowMoreAsync()
    {
        _loadingMore = true;
        _take = Math.Min(_take + JobRunsService.PageSize, JobRunsService.MaxTake);
        await LoadAsync(_disposed.Token);
        _loadingMore = false;
    }

    /// <summary>Onboarding runs can be stopped (quality runs are short and cannot); the service checks the caller's role again.</summary>
    private bool CanCancel(JobRun run) => run is { Kind: JobKind.Onboarding, IsActive: true } && _caller?.CanEditIn(run.DomainId) == true;

    private async Task CancelAsync(JobRun run)
    {
        if (!_cancelling.Add(run.Id)) return;
        // Who is asking, as of now: a role taken away since the page opened no longer cancels.
        if (await CurrentCaller.GetAsync(_disposed.Token) is not { } caller)
        {
            _cancelling.Remove(run.Id);
            Snackbar.Add("You are not signed in as a known user. Sign in again and retry.", Severity.Error);
            return;
        }
        var result = await Onboarding.CancelAsync(caller, run.Id, _disposed.Token);
        if (!result.Succeeded)
        {
            _cancelling.Remove(run.Id);
            Snackbar.Add(result.Message ?? "The run was not cancelled.", Severity.Error);
            return;
        }
        Snackbar.Add(result.Value!.Status == Domain.Onboarding.RunStatus.Cancelled
            ? $"The run of {run.QuantumName} is cancelled."
            : $"The run of {run.QuantumName} was asked to stop; it stops within a second or two.", Severity.Info);
        await LoadAsync(_disposed.Token);
        if (_overview?.AnyActive == true && !_polling) StartPolling();
    }

    private void GoTo(JobRunFilter filter) => Navigation.NavigateTo(JobRunLinks.Href(filter), replace: true);

    private string DomainText(string? slug) =>
        string.IsNullOrEmpty(slug) ? "Whole mesh" : _domains.FirstOrDefault(d => d.Slug == slug)?.Name ?? slug;

    private string NoMatchText =>
        _filter.Status switch
        {
            JobStatusFilter.Active => "Nothing is queued or running with these filters right now.",
            JobStatusFilter.Failed => "No run failed with these filters: nothing needs attention.",
            _ => "No quantum in this selection has run yet.",
        };

    public void Dispose()
    {
        StopPolling();
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
