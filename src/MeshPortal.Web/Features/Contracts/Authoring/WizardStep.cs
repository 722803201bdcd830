namespace MeshPortal.Web.Features.Contracts.Authoring;

public enum WizardStep
{
    Fundamentals,
    Schema,
    Quality,
    Sla,
    Team,
    Review,
}

public static class WizardSteps
{
    public static readonly string[] Titles = ["Fundamentals", "Schema", "Quality rules", "SLA", "Team & roles", "Review"];

    public static string Title(WizardStep step) => Titles[(int)step];

    /// <summary>
    /// Which step shows an error, from its key: a JSON pointer ("/schema/0/properties/1/logicalType"), an inheritance
    /// path ("orders.order_id.type", "slaProperties[latency]") or a field name ("domain", "version").
    /// </summary>
    public static WizardStep StepOf(string key)
    {
        if (key.StartsWith("/schema", StringComparison.Ordinal))
            return key.Contains("/quality", StringComparison.Ordinal) ? WizardStep.Quality : WizardStep.Schema;
        if (key.StartsWith("/slaProperties", StringComparison.Ordinal) || key.StartsWith("/slaDefaultElement", StringComparison.Ordinal)
            || key.StartsWith("slaProperties[", StringComparison.Ordinal)) return WizardStep.Sla;
        if (key.StartsWith("/team", StringComparison.Ordinal) || key.StartsWith("/roles", StringComparison.Ordinal)) return WizardStep.Team;
        if (key.StartsWith('/') || !key.Contains('.')) return WizardStep.Fundamentals;
        // Inheritance paths name an object and property: "orders.amount.type", "orders.quality[rowCount]".
        return key.Contains("quality[", StringComparison.Ordinal) ? WizardStep.Quality : WizardStep.Schema;
    }
}
