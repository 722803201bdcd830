using MeshPortal.Domain.Contracts;
using MeshPortal.Web.Components.Contracts;
using MeshPortal.Web.Features.Contracts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MeshPortal.Web.Components.Pages.Contracts;

/// <summary>Two versions side by side: every change with its impact, the bump they need, and both effective documents.</summary>
public partial class ContractDiffPage
{
    [Inject] private ContractCatalog Catalog { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter] public string Id { get; set; } = "";
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    private ContractDto? _contract;
    private DiffDto? _diff;
    private string? _problem;
    private string _before = "";
    private string _after = "";
    private HashSet<int> _removed = [];
    private HashSet<int> _added = [];
    private bool _loading = true;

    private List<BreadcrumbItem> Breadcrumbs =>
        [new("Home", "/"), new("Contracts", "/contracts"), new(_contract?.Name ?? Id, ContractLinks.Contract(Id)), new("Compare", null, disabled: true)];

    private string BumpAdvice => _diff?.RequiredBump switch
    {
        "major" => "Some changes can break consumers: publishing them needs a new major version, and consumers move at their pace.",
        "minor" => "The changes only add or loosen: a minor version is enough, and consumers keep working.",
        _ => "Only descriptive changes (or none): a patch version is enough.",
    };

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _problem = null;
        _diff = null;
        _contract = await Catalog.GetAsync(Id);
        if (_contract is not null) await CompareAsync();
        _loading = false;
    }

    private async Task CompareAsync()
    {
        if (string.IsNullOrWhiteSpace(From) || string.IsNullOrWhiteSpace(To))
        {
            _problem = "Choose the two versions to compare.";
            return;
        }
        var result = await Catalog.DiffAsync(Id, From, To);
        if (!result.Succeeded)
        {
            _problem = result.Message ?? string.Join(" ", result.Errors.Values.SelectMany(m => m));
            return;
        }
        _diff = result.Value!;
        _before = YamlJson.Write(await Catalog.DocumentAsync(Id, From));
        _after = YamlJson.Write(await Catalog.DocumentAsync(Id, To));
        (_removed, _added) = LineDiff.Compare(_before, _after);
    }

    private Task GoAsync(string? from, string? to)
    {
        Navigation.NavigateTo(ContractLinks.Diff(Id, from ?? "", to ?? ""));
        return Task.CompletedTask;
    }
}
