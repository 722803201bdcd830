using MeshPortal.Web.Search;

namespace MeshPortal.Web.Tests.Search;

/// <summary>
/// The small fixed mesh every conformance test starts from: two domains, three quanta, two contracts with an
/// object each and six columns. Expected counts in the tests are written out by hand from this list.
/// </summary>
public static class DictionaryCorpus
{
    public const string SalesDomain = "domain:sales";
    public const string LogisticsDomain = "domain:logistics";
    public const string OrdersQuantum = "quantum:11111111-0000-0000-0000-000000000001";
    public const string ProfilesQuantum = "quantum:11111111-0000-0000-0000-000000000002";
    public const string ShipmentsQuantum = "quantum:11111111-0000-0000-0000-000000000003";
    public const string OrdersContract = "contract:orders";
    public const string ShipmentsContract = "contract:shipments";

    public static readonly DictionaryDocument Sales = Domain("sales", "Sales", "Orders, customers and revenue of the web shop.");
    public static readonly DictionaryDocument Logistics = Domain("logistics", "Logistics", "Shipments, parcels and warehouses.");

    public static readonly DictionaryDocument Orders = Quantum(OrdersQuantum, "sales", "orders", "Orders", "gold", "active", ["finance", "pii"],
        "Every order placed in the web shop, one row per order line.");
    public static readonly DictionaryDocument Profiles = Quantum(ProfilesQuantum, "sales", "customer-profiles", "Customer Profiles", "silver", "draft", ["pii"],
        "Master data of the people who buy from us.");
    public static readonly DictionaryDocument Shipments = Quantum(ShipmentsQuantum, "logistics", "shipments", "Shipments", "silver", "active", ["operations"],
        "Parcels handed to carriers, with the customer they are delivered to.");

    public static readonly DictionaryDocument OrdersContractDoc = Contract(OrdersContract, "sales", "sales/orders", "orders", "1.1.0", "active",
        "Data contract of the Orders quantum.");
    public static readonly DictionaryDocument OrdersObject = Object(OrdersContract, "sales", "sales/orders", "orders", "1.1.0", "orders", "One row per order line.");
    public static readonly DictionaryDocument CustomerIdColumn = Column(OrdersContract, "sales", "sales/orders", "orders", "1.1.0", "orders", "customer_id",
        "Identifier of the customer who placed the order.", "internal", ["pii"]);
    public static readonly DictionaryDocument CustomerNameColumn = Column(OrdersContract, "sales", "sales/orders", "orders", "1.1.0", "orders", "customer_name",
        "Full name of the customer.", "confidential", ["pii"]);
    public static readonly DictionaryDocument OrderTotalColumn = Column(OrdersContract, "sales", "sales/orders", "orders", "1.1.0", "orders", "order_total",
        "Amount paid for the order, in euros.", "internal", ["finance"]);

    public static readonly DictionaryDocument ShipmentsContractDoc = Contract(ShipmentsContract, "logistics", "logistics/shipments", "shipments", "2.0.0", "draft",
        "Data contract of the Shipments quantum.");
    public static readonly DictionaryDocument ParcelsObject = Object(ShipmentsContract, "logistics", "logistics/shipments", "shipments", "2.0.0", "parcels", "One row per parcel.");
    public static readonly DictionaryDocument CustomerIdCamelColumn = Column(ShipmentsContract, "logistics", "logistics/shipments", "shipments", "2.0.0", "parcels", "customerId",
        "The receiving customer.", "internal", ["pii"]);
    public static readonly DictionaryDocument DeliveryDateColumn = Column(ShipmentsContract, "logistics", "logistics/shipments", "shipments", "2.0.0", "parcels", "delivery-date",
        "Day the parcel was delivered.", "public", []);
    public static readonly DictionaryDocument CarrierNameColumn = Column(ShipmentsContract, "logistics", "logistics/shipments", "shipments", "2.0.0", "parcels", "carrier_name",
        "Name of the carrier.", "public", ["operations"]);

    public static readonly IReadOnlyList<DictionaryDocument> All =
    [
        Sales, Logistics, Orders, Profiles, Shipments,
        OrdersContractDoc, OrdersObject, CustomerIdColumn, CustomerNameColumn, OrderTotalColumn,
        ShipmentsContractDoc, ParcelsObject, CustomerIdCamelColumn, DeliveryDateColumn, CarrierNameColumn,
    ];

    public static IReadOnlyCollection<string> Sources => All.Select(d => d.Source).Distinct().ToList();

    public static IReadOnlyList<DictionaryDocument> OfSource(string source) => All.Where(d => d.Source == source).ToList();

    public static DictionaryDocument Domain(string slug, string title, string description) => new()
    {
        Id = $"domain:{slug}", Type = DictionaryTypes.Domain, Source = $"domain:{slug}", Title = title, Description = description,
        Domain = slug, Url = $"/domains/{slug}", Status = "active",
    };

    public static DictionaryDocument Quantum(string source, string domain, string slug, string title, string tier, string status, string[] tags, string description) => new()
    {
        Id = $"quantum:{domain}/{slug}", Type = DictionaryTypes.Quantum, Source = source, Title = title, Description = description,
        Domain = domain, Quantum = $"{domain}/{slug}", QuantumId = source["quantum:".Length..], Url = $"/quanta/{domain}/{slug}",
        Tier = tier, Status = status, Tags = tags, Owner = "owner@example.com",
    };

    public static DictionaryDocument Contract(string source, string domain, string quantum, string contractId, string version, string status, string description) => new()
    {
        Id = $"contract:{contractId}@{version}", Type = DictionaryTypes.Contract, Source = source, Title = contractId, Description = description,
        Domain = domain, Quantum = quantum, ContractId = contractId, ContractVersion = version, Url = $"/contracts/{contractId}/{version}",
        Status = status,
    };

    public static DictionaryDocument Object(string source, string domain, string quantum, string contractId, string version, string name, string description) => new()
    {
        Id = $"object:{contractId}@{version}/{name}", Type = DictionaryTypes.Object, Source = source, Title = name, Path = name,
        Description = description, Domain = domain, Quantum = quantum, ContractId = contractId, ContractVersion = version,
        Url = $"/contracts/{contractId}/{version}#{name}",
    };

    public static DictionaryDocument Column(string source, string domain, string quantum, string contractId, string version, string objectName,
        string name, string description, string classification, string[] tags) => new()
    {
        Id = $"column:{contractId}@{version}/{objectName}.{name}", Type = DictionaryTypes.Column, Source = source, Title = name,
        Path = $"{objectName}.{name}", Description = description, Domain = domain, Quantum = quantum, ContractId = contractId,
        ContractVersion = version, Url = $"/contracts/{contractId}/{version}#{objectName}.{name}", Classification = classification,
        LogicalType = "string", PhysicalType = "varchar(64)", Tags = tags,
    };
}
