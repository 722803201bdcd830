using MeshPortal.Domain.Contracts;

namespace MeshPortal.Domain.Tests.Contracts;

public class ContractDiffTests
{
    // Each case: a textual edit of the base contract, the change kind expected, its impact, and the bump it needs.
    public static TheoryData<string, string, string, string, ChangeImpact, VersionBump> Cases => new()
    {
        { "remove a property", "      - name: quantity\n        logicalType: integer\n        physicalType: int\n", "", "property-removed", ChangeImpact.Breaking, VersionBump.Major },
        { "rename a property (same stable id)", "- name: customer_id", "- name: client_id", "property-renamed", ChangeImpact.Breaking, VersionBump.Major },
        { "remove an object", "schema:\n  - name: orders", "schema:\n  - name: sales_orders", "object-removed", ChangeImpact.Breaking, VersionBump.Major },
        { "narrow a varchar", "physicalType: varchar(36)\n        primaryKey", "physicalType: varchar(20)\n        primaryKey", "type-changed", ChangeImpact.Breaking, VersionBump.Major },
        { "widen a varchar", "physicalType: varchar(36)\n        primaryKey", "physicalType: varchar(64)\n        primaryKey", "type-changed", ChangeImpact.Additive, VersionBump.Minor },
        { "int to bigint", "physicalType: int", "physicalType: bigint", "type-changed", ChangeImpact.Additive, VersionBump.Minor },
        { "integer to number", "logicalType: integer\n        physicalType: int", "logicalType: number\n        physicalType: int", "type-changed", ChangeImpact.Additive, VersionBump.Minor },
        { "number to integer loses data", "logicalType: number\n        physicalType: decimal(10,2)", "logicalType: integer\n        physicalType: decimal(10,2)", "type-changed", ChangeImpact.Breaking, VersionBump.Major },
        { "optional becomes required", "required: false\n        description: The customer.", "required: true\n        description: The customer.", "required-changed", ChangeImpact.Breaking, VersionBump.Major },
        { "required becomes optional", "primaryKey: true\n        required: true", "primaryKey: true\n        required: false", "required-changed", ChangeImpact.Additive, VersionBump.Minor },
        { "add unique", "description: The customer.", "description: The customer.\n        unique: true", "unique-changed", ChangeImpact.Breaking, VersionBump.Major },
        { "add a primary key", "logicalType: integer\n        physicalType: int", "logicalType: integer\n        physicalType: int\n        primaryKey: true", "primaryKey-changed", ChangeImpact.Breaking, VersionBump.Major },
        { "remove a valid value", "validValues: [open, shipped, cancelled]", "validValues: [open, shipped]", "valid-values-narrowed", ChangeImpact.Breaking, VersionBump.Major },
        { "add a valid value", "validValues: [open, shipped, cancelled]", "validValues: [open, shipped, cancelled, returned]", "valid-values-widened", ChangeImpact.Additive, VersionBump.Minor },
        { "tighten a quality threshold", "mustBeLessOrEqualTo: 5", "mustBeLessOrEqualTo: 1", "quality-threshold-changed", ChangeImpact.Breaking, VersionBump.Major },
        { "loosen a quality threshold", "mustBeLessOrEqualTo: 5", "mustBeLessOrEqualTo: 10", "quality-threshold-changed", ChangeImpact.Additive, VersionBump.Minor },
        { "raise a row-count floor", "mustBeGreaterThan: 100", "mustBeGreaterThan: 1000", "quality-threshold-changed", ChangeImpact.Breaking, VersionBump.Major },
        { "worsen latency", "value: 4\n    unit: h", "value: 1\n    unit: d", "sla-changed", ChangeImpact.Breaking, VersionBump.Major },
        { "improve latency", "value: 4\n    unit: h", "value: 30\n    unit: m", "sla-changed", ChangeImpact.Additive, VersionBump.Minor },
        { "lower availability", "value: 99.5", "value: 99", "sla-changed", ChangeImpact.Breaking, VersionBump.Major },
        { "remove an SLA", "\n  - property: availability\n    value: 99.5\n    unit: percent", "", "sla-removed", ChangeImpact.Breaking, VersionBump.Major },
        { "add an optional property", "      - name: quantity\n", "      - name: channel\n        logicalType: string\n      - name: quantity\n", "property-added", ChangeImpact.Additive, VersionBump.Minor },
        { "add a required property", "      - name: quantity\n", "      - name: channel\n        logicalType: string\n        required: true\n      - name: quantity\n", "property-added", ChangeImpact.Breaking, VersionBump.Major },
        { "add a warning rule", "        physicalType: int\n", "        physicalType: int\n        quality:\n          - metric: nullValues\n            mustBe: 0\n            severity: warning\n", "quality-rule-added", ChangeImpact.Additive, VersionBump.Minor },
        { "add an error rule", "        physicalType: int\n", "        physicalType: int\n        quality:\n          - metric: nullValues\n            mustBe: 0\n            severity: error\n", "quality-rule-added", ChangeImpact.Breaking, VersionBump.Major },
        { "add an object", "slaProperties:", "  - name: order_notes\n    properties:\n      - name: note\n        logicalType: string\nslaProperties:", "object-added", ChangeImpact.Additive, VersionBump.Minor },
        { "raise classification", "classification: internal", "classification: confidential", "classification-changed", ChangeImpact.Breaking, VersionBump.Major },
        { "edit a description", "description: The customer.", "description: The customer who ordered.", "description-changed", ChangeImpact.Cosmetic, VersionBump.Patch },
        { "edit tags", "tags: [customer]", "tags: [customer, crm]", "tags-changed", ChangeImpact.Cosmetic, VersionBump.Patch },
        { "edit the purpose", "purpose: Confirmed orders.", "purpose: Confirmed and paid orders.", "description-changed", ChangeImpact.Cosmetic, VersionBump.Patch },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Change_IsClassified(string because, string find, string replace, string kind, ChangeImpact impact, VersionBump bump)
    {
        var from = ContractBuilder.Parse(ContractBuilder.Base);
        var to = ContractBuilder.With(find, replace);
        var diff = ContractDiff.Compare(from, to);
        var change = Assert.Single(diff.Changes, c => c.Kind == kind);
        Assert.True(impact == change.Impact, $"{because}: expected {impact}, got {change.Impact} ({change.Path})");
        Assert.Equal(bump, diff.RequiredBump);
    }

    [Fact]
    public void NoChange_RequiresOnlyAPatch()
    {
        var diff = ContractDiff.Compare(ContractBuilder.Parse(ContractBuilder.Base), ContractBuilder.Parse(ContractBuilder.Base));
        Assert.Empty(diff.Changes);
        Assert.Equal(VersionBump.Patch, diff.RequiredBump);
    }

    [Fact]
    public void RequiringMoreThan_ListsOnlyTheChangesAboveTheBump()
    {
        var to = ContractBuilder.Parse(ContractBuilder.Base
            .Replace("description: The customer.", "description: Changed.")
            .Replace("      - name: quantity\n        logicalType: integer\n        physicalType: int\n", ""));
        var diff = ContractDiff.Compare(ContractBuilder.Parse(ContractBuilder.Base), to);
        var blocking = Assert.Single(diff.RequiringMoreThan(VersionBump.Minor));
        Assert.Equal("orders.quantity", blocking.Path);
    }
}
