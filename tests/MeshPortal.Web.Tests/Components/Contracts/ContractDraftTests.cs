using System.Text.Json.Nodes;
using MeshPortal.Domain.Contracts;
using MeshPortal.Web.Features.Contracts.Authoring;

namespace MeshPortal.Web.Tests.Components.Contracts;

/// <summary>The wizard's model of a contract: what it reads, what it writes back, and what it leaves alone.</summary>
public sealed class ContractDraftTests
{
    private static JsonObject Parse(string yaml) => YamlJson.Parse(yaml)!.AsObject();

    [Theory]
    [MemberData(nameof(OdcsExamples.All), MemberType = typeof(OdcsExamples))]
    public void FromJsonThenToJson_GivesBackEveryOfficialExample(string example)
    {
        var original = Parse(OdcsExamples.Read(example));

        var written = ContractDraft.FromJson(original).ToJson();

        // Order may differ; the values may not (library rules gain their explicit "type").
        var differences = Differences(Normalized(original), Normalized(written), "").ToList();
        Assert.True(differences.Count == 0, $"{example} changed at: {string.Join(", ", differences)}");
    }

    [Fact]
    public void ToJson_KeepsFieldsTheWizardDoesNotModel()
    {
        var draft = ContractDraft.FromJson(Parse("""
            apiVersion: v3.1.0
            kind: DataContract
            id: orders
            version: 1.0.0
            status: active
            servers: [{ server: prod, type: postgres, host: db, port: 5432, database: sales, schema: public }]
            price: { priceAmount: 1, priceCurrency: EUR, priceUnit: megabyte }
            authoritativeDefinitions: [{ type: canonical, url: "https://example.test/orders" }]
            schema:
              - name: orders
                dataGranularityDescription: one row per order
                properties:
                  - name: lines
                    logicalType: array
                    examples: [[1, 2]]
                    items: { logicalType: object, properties: [{ name: sku, logicalType: string }] }
            """));

        draft.Name = "Orders";
        draft.Objects[0].Properties[0].Description = "Order lines";
        var json = draft.ToJson();

        Assert.Equal("prod", json["servers"]![0]!["server"]!.GetValue<string>());
        Assert.Equal("EUR", json["price"]!["priceCurrency"]!.GetValue<string>());
        Assert.NotNull(json["authoritativeDefinitions"]);
        Assert.Equal("one row per order", json["schema"]![0]!["dataGranularityDescription"]!.GetValue<string>());
        var lines = json["schema"]![0]!["properties"]![0]!;
        Assert.Equal("Order lines", lines["description"]!.GetValue<string>());
        Assert.Equal("sku", lines["items"]!["properties"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("[[1,2]]", lines["examples"]!.ToJsonString());
        Assert.Empty(OdcsSchema.Validate(json));
    }

    [Fact]
    public void ToJson_WritesEditsOfModelledFields()
    {
        var draft = new ContractDraft { Id = "orders", Name = "Orders", OdcsDomain = "sales", Purpose = "Every order." };
        draft.TagsText = "orders, erp, orders";
        var o = new DraftObject { Name = "orders" };
        o.Properties.Add(new DraftProperty { Name = "order_id", PrimaryKey = true, Required = true, Classification = "internal" });
        o.Properties.Add(new DraftProperty { Name = "email", Pii = true, Classification = "confidential" });
        draft.Objects.Add(o);
        draft.Sla.Add(new DraftSla { Property = "latency", Value = "4", Unit = "h" });
        draft.Members.Add(new DraftMember { Username = "sam", Role = "owner" });
        draft.Roles.Add(new DraftRole { Role = "orders_read", Access = "read" });

        var json = draft.ToJson();

        Assert.Equal("v3.1.0", json["apiVersion"]!.GetValue<string>());
        Assert.Equal("DataContract", json["kind"]!.GetValue<string>());
        Assert.Equal("""["orders","erp"]""", json["tags"]!.ToJsonString());
        Assert.Equal("Every order.", json["description"]!["purpose"]!.GetValue<string>());
        var email = ContractNormalizer.Normalize(json).Objects[0].Properties[1];
        Assert.True(email.Pii);
        Assert.Equal("confidential", email.Classification);
        Assert.True(json["schema"]![0]!["properties"]![0]!["primaryKey"]!.GetValue<bool>());
        Assert.Null(json["schema"]![0]!["properties"]![1]!["required"]);
        Assert.Equal(4, json["slaProperties"]![0]!["value"]!.GetValue<long>());
        Assert.Equal("sam", json["team"]!["members"]![0]!["username"]!.GetValue<string>());
        Assert.Equal("orders_read", json["roles"]![0]!["role"]!.GetValue<string>());
        Assert.Empty(OdcsSchema.Validate(json));
    }

    [Fact]
    public void Pii_WhenSwitchedOff_LeavesTheOtherCustomPropertiesAlone()
    {
        var draft = ContractDraft.FromJson(Parse("""
            { apiVersion: v3.1.0, kind: DataContract, id: c, version: 1.0.0, status: draft,
              schema: [{ name: t, properties: [{ name: email, required: false,
                customProperties: [{ property: pii, value: true }, { property: anonymizationStrategy, value: hash }] }] }] }
            """));
        var email = draft.Objects[0].Properties[0];
        Assert.True(email.Pii);

        email.Pii = false;
        var written = draft.ToJson()["schema"]![0]!["properties"]![0]!;

        Assert.Equal("""[{"property":"anonymizationStrategy","value":"hash"}]""", written["customProperties"]!.ToJsonString());
        Assert.False(written["required"]!.GetValue<bool>()); // explicit false is kept
    }

    [Fact]
    public void Rule_ChangingTheOperator_ReplacesTheOldOne_AndBetweenWritesTwoNumbers()
    {
        var rule = DraftRule.FromJson(Parse("{ metric: nullValues, mustBe: 0, unit: rows, severity: error, businessImpact: operational }"));
        Assert.Equal("mustBe", rule.Operator);
        Assert.Equal("0", rule.Value);

        rule.Operator = "mustBeBetween";
        rule.Value = "1";
        rule.Value2 = "5.5";
        var json = rule.ToJson();

        Assert.Null(json["mustBe"]);
        Assert.Equal("[1,5.5]", json["mustBeBetween"]!.ToJsonString());
        Assert.Equal("library", json["type"]!.GetValue<string>());
        Assert.Equal("operational", json["businessImpact"]!.GetValue<string>());
    }

    [Fact]
    public void Rule_Arguments_FollowTheMetric()
    {
        var rule = new DraftRule { Metric = "missingValues", Operator = "mustBeLessThan", Value = "5", Unit = "percent", MissingValues = "null, \"\", N/A" };
        Assert.Equal("""{"missingValues":[null,"","N/A"]}""", rule.ToJson()["arguments"]!.ToJsonString());

        rule.Metric = "invalidValues";
        rule.ValidValues = "EUR, USD";
        Assert.Equal("""{"validValues":["EUR","USD"]}""", rule.ToJson()["arguments"]!.ToJsonString());

        rule.Metric = "rowCount";
        Assert.Null(rule.ToJson()["arguments"]);
        Assert.Equal("null, \"\", N/A", DraftRule.FromJson(new DraftRule { Metric = "missingValues", MissingValues = "null, \"\", N/A" }.ToJson()).MissingValues);
    }

    [Fact]
    public void SqlRule_KeepsItsQuery()
    {
        var rule = new DraftRule { Type = "sql", Query = "SELECT COUNT(*) FROM orders WHERE amount < 0", Operator = "mustBe", Value = "0" };
        var json = rule.ToJson();

        Assert.Equal("sql", json["type"]!.GetValue<string>());
        Assert.Null(json["metric"]);
        Assert.Equal("SELECT COUNT(*) FROM orders WHERE amount < 0", json["query"]!.GetValue<string>());
        var draft = new ContractDraft { Id = "c" };
        draft.Objects.Add(new DraftObject { Name = "orders" });
        draft.Objects[0].Quality.Add(rule);
        Assert.Empty(OdcsSchema.Validate(draft.ToJson()));
    }

    [Fact]
    public void MoveRule_TakesTheRuleToAnotherTarget_AndPointersFollow()
    {
        var draft = new ContractDraft { Id = "c" };
        var o = new DraftObject { Name = "orders" };
        var p = new DraftProperty { Name = "amount" };
        o.Properties.Add(p);
        draft.Objects.Add(o);
        var rule = new DraftRule();
        o.Quality.Add(rule);
        var objectTarget = new RuleTarget(o, null);
        var propertyTarget = new RuleTarget(o, p);
        Assert.Equal("/schema/0/quality/0", draft.PointerOf(objectTarget, rule));

        draft.MoveRule(rule, objectTarget, propertyTarget);

        Assert.Empty(o.Quality);
        Assert.Same(rule, Assert.Single(p.Quality));
        Assert.Equal("/schema/0/properties/0/quality/0", draft.PointerOf(propertyTarget, rule));
    }

    [Fact]
    public void TeamAsArray_IsWrittenBackAsAnArray()
    {
        var draft = ContractDraft.FromJson(Parse("{ apiVersion: v3.0.2, kind: DataContract, id: c, version: 1.0.0, status: draft, team: [{ username: ann, role: owner }] }"));
        draft.Members.Add(new DraftMember { Username = "bob" });

        var team = draft.ToJson()["team"];

        Assert.IsType<JsonArray>(team);
        Assert.Equal("/team/1", draft.PointerOf(draft.Members[1]));
    }

    [Fact]
    public void AsNewVersion_IsADraftWithTheNewNumber_AndTheSameContent()
    {
        var source = ContractDraft.FromJson(Parse("{ apiVersion: v3.1.0, kind: DataContract, id: c, version: 1.0.0, status: active, servers: [{ server: s, type: duckdb }] }"));

        var next = source.AsNewVersion(ContractDraft.NextFreeMinor("1.0.0", ["1.0.0", "1.1.0"]));

        Assert.Equal("1.2.0", next.Version);
        Assert.Equal("draft", next.Status);
        Assert.Equal("s", next.ToJson()["servers"]![0]!["server"]!.GetValue<string>());
        Assert.Equal("active", source.Status);
    }

    [Fact]
    public void ChildOf_NamesItsParentInCustomProperties()
    {
        var child = ContractDraft.ChildOf("customer-core", "1.0.0");
        child.Id = "customer-360";

        Assert.Equal(new ParentReference("customer-core", "1.0.0"), ContractNormalizer.Normalize(child.ToJson()).Parent);
    }

    [Fact]
    public void Templates_AreValidContracts()
    {
        foreach (var template in ContractTemplates.All)
        {
            var draft = template.Apply(new ContractDraft { Id = "t", Name = "T" });
            Assert.False(DraftCheck.Run(draft).Any, template.Key);
            Assert.NotEmpty(draft.Objects[0].Properties);
        }
    }

    private static IEnumerable<string> Differences(JsonNode? a, JsonNode? b, string path)
    {
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
                foreach (var d in Differences(oa[key], ob[key], $"{path}/{key}")) yield return d;
        }
        else if (a is JsonArray aa && b is JsonArray ab && aa.Count == ab.Count)
        {
            for (var i = 0; i < aa.Count; i++)
                foreach (var d in Differences(aa[i], ab[i], $"{path}/{i}")) yield return d;
        }
        else if (!JsonNode.DeepEquals(a, b))
        {
            yield return $"{path} ({a?.ToJsonString() ?? "absent"} → {b?.ToJsonString() ?? "absent"})";
        }
    }

    /// <summary>Library rules may omit "type"; the wizard writes it. Compare without it.</summary>
    private static JsonNode? Normalized(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (key, value) in o)
                {
                    if (key == "type" && value?.ToString() == "library") continue;
                    copy[key] = Normalized(value);
                }
                return copy;
            case JsonArray a:
                return new JsonArray(a.Select(Normalized).ToArray());
            default:
                return node?.DeepClone();
        }
    }
}
