using MeshPortal.Domain.Contracts;

namespace MeshPortal.Domain.Tests.Contracts;

public class ContractInheritanceTests
{
    private const string ChildHeader = """
        apiVersion: v3.1.0
        kind: DataContract
        id: eu-orders
        version: 1.0.0
        status: draft
        customProperties:
          - property: meshportal.extends
            value: orders@1.0.0

        """;

    private static FlattenResult Flatten(string childBody) =>
        ContractInheritance.Flatten(ContractBuilder.Parse(ContractBuilder.Base), ContractBuilder.Parse(ChildHeader + childBody));

    private const string AllProperties = """
        schema:
          - name: orders
            properties:
              - name: order_id
              - name: customer_id
              - name: amount
              - name: quantity
              - name: status
        """;

    [Fact]
    public void ChildDeclaringNothing_InheritsEverything()
    {
        var result = Flatten("name: EU orders\n");
        Assert.True(result.IsValid);
        var effective = ContractNormalizer.Normalize(result.Effective);
        Assert.Equal("eu-orders", effective.Id);
        Assert.Equal(5, effective.Objects.Single().Properties.Count);
        Assert.Equal(2, effective.Sla.Count);
        Assert.Equal("orders@1.0.0", effective.Parent!.ToString());
        Assert.Empty(OdcsSchema.Validate(result.Effective));
    }

    [Fact]
    public void ChildMayAddPropertiesAndRefineDescriptions()
    {
        var result = Flatten(AllProperties.Replace("- name: customer_id", "- name: customer_id\n        description: EU customer.") + "\n      - name: vat_number\n        logicalType: string\n");
        Assert.True(result.IsValid, string.Join("; ", result.Violations));
        var props = ContractNormalizer.Normalize(result.Effective).Objects.Single().Properties;
        Assert.Equal("EU customer.", props.Single(p => p.Name == "customer_id").Description);
        Assert.Equal("varchar(36)", props.Single(p => p.Name == "customer_id").PhysicalType);
        Assert.Contains(props, p => p.Name == "vat_number");
    }

    [Fact]
    public void ChildMayTightenRulesTypesAndSla()
    {
        var result = Flatten(AllProperties
            .Replace("- name: amount", "- name: amount\n        quality:\n          - metric: nullValues\n            mustBeLessOrEqualTo: 1\n            unit: percent")
            .Replace("- name: customer_id", "- name: customer_id\n        required: true\n        physicalType: varchar(20)")
            + "\nslaProperties:\n  - property: latency\n    value: 1\n    unit: h\n");
        Assert.True(result.IsValid, string.Join("; ", result.Violations));
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        { "removing an inherited property", AllProperties.Replace("      - name: quantity\n", ""), "removes the inherited property 'quantity'" },
        { "loosening a type", AllProperties.Replace("- name: quantity", "- name: quantity\n        logicalType: number"), "loosens the inherited type" },
        { "widening a varchar", AllProperties.Replace("- name: order_id", "- name: order_id\n        physicalType: varchar(100)"), "loosens the inherited type" },
        { "dropping required", AllProperties.Replace("- name: order_id", "- name: order_id\n        required: false"), "drops the inherited 'required: true'" },
        { "loosening a rule", AllProperties.Replace("- name: amount", "- name: amount\n        quality:\n          - metric: nullValues\n            mustBeLessOrEqualTo: 50\n            unit: percent"), "loosens the inherited rule" },
        { "weakening an SLA", "slaProperties:\n  - property: latency\n    value: 2\n    unit: d\n", "weakens the inherited SLA" },
        { "lowering a classification", AllProperties.Replace("- name: order_id", "- name: order_id\n        classification: public"), "lowers the inherited classification" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Loosening_IsRefusedWithTheReason(string because, string body, string reason)
    {
        var result = Flatten(body);
        Assert.False(result.IsValid, because);
        Assert.Contains(result.Violations, v => v.Reason.Contains(reason));
    }
}
