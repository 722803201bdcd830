using MeshPortal.Domain.Contracts;

namespace MeshPortal.DataPlane.Tests.Support;

/// <summary>Contract objects and properties for tests, with everything not under test left empty.</summary>
public static class Contracts
{
    public static ContractProperty Property(string name, string? logicalType = "string", string? physicalType = null, bool required = false,
        bool unique = false, bool primaryKey = false, IReadOnlyList<string>? validValues = null, string? pattern = null, string? physicalName = null,
        string? classification = null) =>
        new(name, name, null, logicalType, physicalType, physicalName, null, null, required, unique, primaryKey, false, false, classification, false,
            [], validValues, pattern, [], [], []);

    public static ContractObject Object(string name, params ContractProperty[] properties) => new(name, null, "table", null, null, [], properties, []);

    public static NormalizedContract Contract(params ContractObject[] objects) => Contract("urn:test:orders", "1.2.0", objects);

    public static NormalizedContract Contract(string id, string version, params ContractObject[] objects) =>
        new(id, version, "active", "Test contract", null, null, [], objects, [], null);

    /// <summary>The events object the kill host onboards: id integer primary key, name, amount a number.</summary>
    public static ContractObject Events() => Object("events", Property("id", "integer", primaryKey: true), Property("name"), Property("amount", "number"));

    /// <summary>
    /// The orders object of <see cref="Datasets.Orders"/>: order_id integer primary key, customer required, email with a
    /// pattern, status with valid values, order_total a number, quantity an integer, order_date a date, coupon optional
    /// (not in the file).
    /// </summary>
    public static ContractObject Orders() => Object("orders",
        Property("order_id", "integer", primaryKey: true),
        Property("customer", required: true),
        Property("email", pattern: "[^@ ]+@[^@ ]+\\.[a-z]+", classification: "restricted"),
        Property("status", validValues: ["new", "paid", "shipped", "delivered", "cancelled"]),
        Property("order_total", "number"),
        Property("quantity", "integer"),
        Property("order_date", "date"),
        Property("coupon"));
}
