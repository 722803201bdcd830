using MeshPortal.Web.Components.Search;
using MeshPortal.Web.Data;
using MeshPortal.Web.Identity;
using MeshPortal.Web.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace MeshPortal.Web.Components.Pages.Catalog;

/// <summary>The dictionary's state for platform admins: its size, the changes not yet indexed, and the full rebuild.</summary>
public partial class CatalogAdminPage
{
    [Inject] private IDictionaryIndex Index { get; set; } = default!;
    [Inject] private IDbContextFactory<MeshDbContext> Db { get; set; } = default!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = default!;

    private readonly List<BreadcrumbItem> _breadcrumbs = [new("Home", "/"), new("Catalog", CatalogLinks.Catalog), new("Dictionary admin", null, disabled: true)];
    private bool _loading = true;
    private bool _isAdmin;
    private long? _entries;
    private long _pending;
    private string? _indexError;

    protected override async Task OnInitializedAsync()
    {
        _isAdmin = (await CurrentCaller.GetAsync())?.IsPlatformAdmin == true;
        if (_isAdmin) await LoadCountsAsync();
        _loading = false;
    }

    private async Task LoadCountsAsync()
    {
        await using (var db = await Db.CreateDbContextAsync())
            _pending = await db.DictionaryOutbox.LongCountAsync(e => e.ProcessedAt == null);
        try
        {
            _entries = await Index.CountAsync();
            _indexError = null;
        }
        catch (Exception e)
        {
            // Elasticsearch down: the page still shows the rebuilds, and says why the count is missing.
            (_entries, _indexError) = (null, e.Message);
        }
    }
}
