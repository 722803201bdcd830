using MeshPortal.Web.Components.Contracts;
using MeshPortal.Web.Features.Contracts.Authoring;

namespace MeshPortal.Web.Tests.Components.Contracts;

public sealed class DraftCheckTests
{
    [Fact]
    public void EmptyDraft_NamesTheMissingIdAndName_ByPointer()
    {
        var errors = DraftCheck.Run(new ContractDraft { Id = "", Name = "" }, newContract: true, domainMissing: true);

        Assert.Contains("id is required", errors.Text("/id"));
        Assert.Contains("name is required", errors.Text("/name"));
        Assert.NotNull(errors.Text("domain"));
        Assert.All(errors.All.Keys, k => Assert.Equal(WizardStep.Fundamentals, WizardSteps.StepOf(k)));
    }

    [Fact]
    public void AnInvalidLogicalType_IsASchemaError_AtItsPointer()
    {
        var draft = new ContractDraft { Id = "c", Name = "C" };
        var o = new DraftObject { Name = "orders" };
        o.Properties.Add(new DraftProperty { Name = "amount", LogicalType = "money" });
        draft.Objects.Add(o);

        var errors = DraftCheck.Run(draft);

        Assert.True(errors.Has("/schema/0/properties/0/logicalType"), string.Join("; ", errors.All.Keys));
        Assert.True(errors.AnyIn(WizardStep.Schema));
        Assert.False(errors.AnyIn(WizardStep.Fundamentals));
    }

    [Fact]
    public void RuleChecks_SayWhatIsWrongWithTheCondition()
    {
        var draft = new ContractDraft { Id = "c", Name = "C" };
        var o = new DraftObject { Name = "orders" };
        o.Quality.Add(new DraftRule { Metric = "rowCount", Operator = "mustBeGreaterThan", Value = "many" });
        o.Quality.Add(new DraftRule { Metric = "rowCount", Operator = "mustBeBetween", Value = "10", Value2 = "5" });
        draft.Objects.Add(o);

        var errors = DraftCheck.Run(draft);

        Assert.Contains("compares with a number", errors.Text("/schema/0/quality/0/mustBeGreaterThan"));
        Assert.Contains("lower bound comes first", errors.Text("/schema/0/quality/1/mustBeBetween"));
        Assert.True(errors.AnyIn(WizardStep.Quality));
    }

    [Theory]
    [InlineData("/name", WizardStep.Fundamentals)]
    [InlineData("domain", WizardStep.Fundamentals)]
    [InlineData("/schema/1/properties/2/logicalType", WizardStep.Schema)]
    [InlineData("/schema/0/quality/0/mustBe", WizardStep.Quality)]
    [InlineData("/schema/0/properties/1/quality/0", WizardStep.Quality)]
    [InlineData("/slaProperties/0/value", WizardStep.Sla)]
    [InlineData("/team/members/0/username", WizardStep.Team)]
    [InlineData("/roles/0", WizardStep.Team)]
    [InlineData("orders.order_id.type", WizardStep.Schema)]
    [InlineData("orders.quality[rowCount]", WizardStep.Quality)]
    [InlineData("slaProperties[latency]", WizardStep.Sla)]
    public void ErrorKeys_LandInTheirStep(string key, WizardStep step) => Assert.Equal(step, WizardSteps.StepOf(key));

    [Fact]
    public void LineDiff_MarksOnlyTheChangedLines()
    {
        var (removed, added) = LineDiff.Compare("a\nb\nc\nd\n", "a\nc\nd\ne\n");

        Assert.Equal([2], removed);
        Assert.Equal([4], added);
    }
}
