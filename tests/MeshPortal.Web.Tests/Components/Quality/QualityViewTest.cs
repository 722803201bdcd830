using Bunit;
using MeshPortal.Domain.Onboarding;
using MeshPortal.Web.Features.Quality;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace MeshPortal.Web.Tests.Components.Quality;

/// <summary>
/// The base of the tests of the quality views that only show what they are given (tables, cards, charts, badges):
/// MudBlazor's services and an interactive renderer, no app services. Builders make results and runs read like the
/// contract rules they come from.
/// </summary>
public abstract class QualityViewTest : BunitContext, IAsyncLifetime
{
    protected QualityViewTest()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", true));
    }

    protected static RuleResultDto Result(string rule, string outcome, string? severity = "error", string type = "library", string? metric = null,
        string obj = "orders", string? property = "order_id", string? dimension = "completeness", double? value = 0, string? unit = "rows",
        string? op = "mustBe", string? threshold = "0", string? message = null) =>
        new(rule, null, type, metric ?? rule, obj, property, dimension, severity, value, unit, op, threshold, outcome,
            outcome switch { "passed" => true, "failed" => false, _ => null }, message);

    protected static RuleResultDto Custom(string rule = "custom:soda:") =>
        new(rule, null, "custom", null, "orders", null, null, "error", null, null, null, null, "not-executed", null,
            "not executed by MeshPortal: a custom rule for the engine 'soda'");

    protected static QualityRunSummary Run(double? score = 75, int passed = 3, int failed = 1, int errors = 0, int notExecuted = 0, bool failsContract = false,
        RunStatus status = RunStatus.Succeeded, DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow.AddHours(-1);
        return new QualityRunSummary(Guid.NewGuid(), Guid.NewGuid(), "sales-orders", "1.1.0", status, "seed", score, passed, failed, errors, notExecuted,
            failsContract, null, when, when.AddSeconds(1), QualityTextIsActive(status) ? null : when.AddSeconds(3));
    }

    protected static QualityTrendPoint Point(DateTimeOffset at, double? score, int failed, params (string Dimension, double? Score)[] dimensions) =>
        new(Guid.NewGuid(), at, score, failed, dimensions.ToDictionary(d => d.Dimension, d => d.Score));

    private static bool QualityTextIsActive(RunStatus status) => status is RunStatus.Queued or RunStatus.Running;

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
