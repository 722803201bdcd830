namespace MeshPortal.Web.Features.Contracts.Authoring;

/// <summary>A starting point for a new contract: a typical schema with its rules and SLA, to adapt rather than type.</summary>
public sealed record ContractTemplate(string Key, string Title, string Description, Func<ContractDraft, ContractDraft> Apply);

public static class ContractTemplates
{
    public static readonly IReadOnlyList<ContractTemplate> All =
    [
        new("table-with-audit-columns", "Table with audit columns",
            "One table with a primary key and created/updated audit columns, a non-empty check and a daily freshness promise.", AuditedTable),
        new("event-stream", "Event stream",
            "A topic of immutable events with an id, a type, a timestamp and a payload; no duplicates, delivered within minutes.", EventStream),
        new("reference-data", "Reference data",
            "A small code list (code, label, validity dates) that other contracts point to; every code unique.", ReferenceData),
    ];

    public static ContractTemplate? Find(string? key) => All.FirstOrDefault(t => t.Key == key);

    private static ContractDraft AuditedTable(ContractDraft d)
    {
        var table = new DraftObject { Name = "records", PhysicalName = "records", PhysicalType = "table", Description = "One row per record." };
        table.Properties.AddRange(
        [
            Key("id", "Identifier of the record."),
            Column("created_at", "timestamp", "When the record was created (UTC).", required: true),
            Column("created_by", "string", "Who or what created the record."),
            Column("updated_at", "timestamp", "When the record last changed (UTC)."),
            Column("updated_by", "string", "Who or what last changed the record."),
        ]);
        table.Quality.Add(new DraftRule { Metric = "rowCount", Operator = "mustBeGreaterThan", Value = "0", Unit = "rows", Dimension = "completeness", Description = "The table is never empty." });
        return Reset(d, table, new DraftSla { Property = "freshness", Value = "1", Unit = "d", Driver = "analytics" });
    }

    private static ContractDraft EventStream(ContractDraft d)
    {
        var topic = new DraftObject { Name = "events", PhysicalName = "events", PhysicalType = "topic", Description = "One message per event, never updated." };
        var id = Key("event_id", "Unique id of the event, used to de-duplicate.");
        id.Quality.Add(new DraftRule { Metric = "duplicateValues", Operator = "mustBe", Value = "0", Dimension = "uniqueness" });
        topic.Properties.AddRange(
        [
            id,
            Column("event_type", "string", "What happened, e.g. order.created.", required: true),
            Column("occurred_at", "timestamp", "When it happened at the source (UTC).", required: true),
            Column("payload", "object", "The event body."),
        ]);
        return Reset(d, topic,
            new DraftSla { Property = "latency", Value = "5", Unit = "m", Driver = "operational" },
            new DraftSla { Property = "retention", Value = "7", Unit = "d" });
    }

    private static ContractDraft ReferenceData(ContractDraft d)
    {
        var codes = new DraftObject { Name = "codes", PhysicalName = "codes", PhysicalType = "table", Description = "One row per code." };
        codes.Properties.AddRange(
        [
            Key("code", "The code other data refers to."),
            Column("label", "string", "What the code means, in words.", required: true),
            Column("valid_from", "date", "First day the code may be used."),
            Column("valid_to", "date", "Last day the code may be used; empty while it is current."),
        ]);
        return Reset(d, codes, new DraftSla { Property = "availability", Value = "99.5", Unit = "percent" });
    }

    private static ContractDraft Reset(ContractDraft d, DraftObject o, params DraftSla[] sla)
    {
        d.Objects.Clear();
        d.Objects.Add(o);
        d.Sla.Clear();
        d.Sla.AddRange(sla);
        return d;
    }

    private static DraftProperty Key(string name, string description) =>
        new() { Name = name, LogicalType = "string", Description = description, Required = true, Unique = true, PrimaryKey = true, Classification = "internal" };

    private static DraftProperty Column(string name, string type, string description, bool required = false) =>
        new() { Name = name, LogicalType = type, Description = description, Required = required, Classification = "internal" };
}
