using System.Text;

namespace MeshPortal.Bench.Dictionary;

public sealed record GeneratedDomain(string Slug, string Name, string Description);

public sealed record GeneratedQuantum(int Index, Guid Id, string Domain, string Slug, string Name, string Description, string Tier, string Status, string[] Tags, int Owner);

public sealed record GeneratedColumn(string Name, string Description, string LogicalType, string PhysicalType, string Classification, string[] Tags);

public sealed record GeneratedObject(string Name, string Description, IReadOnlyList<GeneratedColumn> Columns);

/// <summary>One contract, served by one output port of <see cref="Quantum"/>, in that quantum's domain.</summary>
public sealed record GeneratedContract(int Index, string Id, string Name, string Purpose, string Version, string Status, string[] Tags, GeneratedQuantum Quantum, IReadOnlyList<GeneratedObject> Objects);

/// <summary>
/// A deterministic synthetic mesh of any size: domains, quanta (each serving two contracts on average) and contracts
/// whose schema objects and columns carry realistic names — snake_case and camelCase identifiers built from a
/// business vocabulary, descriptions, logical and physical types, classifications and tags. Quanta are small and
/// kept; each contract is generated on demand from its index, so a million columns stream without being held.
/// </summary>
public sealed class MeshGenerator
{
    public static readonly string[] Domains =
    [
        "sales", "logistics", "finance", "marketing", "people", "procurement", "manufacturing", "customer-service", "risk", "compliance",
        "product", "engineering", "supply-chain", "retail", "payments", "insurance", "analytics", "operations", "legal", "research",
    ];

    public static readonly string[] Entities =
    [
        "customer", "order", "invoice", "shipment", "product", "payment", "account", "supplier", "employee", "campaign",
        "contract", "ticket", "warehouse", "store", "transaction", "claim", "policy", "session", "device", "vendor",
        "lead", "opportunity", "return", "delivery", "refund", "subscription", "price", "discount", "inventory", "route",
        "carrier", "region", "channel", "partner", "asset", "budget", "ledger", "tax", "currency", "segment",
        "visit", "basket", "coupon", "parcel", "pallet", "machine", "batch", "sensor", "forecast", "quote",
    ];

    public static readonly string[] Attributes =
    [
        "id", "name", "code", "date", "amount", "status", "type", "count", "total", "email",
        "phone", "address", "city", "country", "postal_code", "quantity", "price", "currency", "rate", "score",
        "category", "number", "reference", "level", "duration", "weight", "volume", "latitude", "longitude", "created_at",
        "updated_at", "start_date", "end_date", "is_active", "owner", "source", "channel", "region", "margin", "cost",
    ];

    public static readonly string[] Qualifiers = ["gross", "net", "last", "first", "avg", "max", "min", "billing", "shipping", "primary", "local", "daily"];
    private static readonly string[] Systems = ["ERP", "CRM", "WMS", "billing", "web shop", "point-of-sale", "HR", "ticketing", "IoT gateway", "ad server"];
    private static readonly string[] Verbs = ["recorded", "captured", "computed", "reported", "confirmed", "imported", "derived", "validated"];
    private static readonly string[] Grains = ["daily", "hourly", "monthly", "per event", "per order", "per customer", "per region"];
    public static readonly string[] Tiers = ["bronze", "silver", "gold"];
    public static readonly string[] QuantumStatuses = ["draft", "active", "active", "active", "deprecated", "retired"];
    public static readonly string[] Classifications = ["public", "internal", "internal", "confidential", "restricted"];
    public static readonly string[] ColumnTags = ["pii", "gdpr", "key", "metric", "dimension", "financial", "derived", "sensitive"];
    private static readonly string[] QuantumTags = ["core", "erp", "crm", "kpi", "reference", "realtime", "batch", "gold", "legacy", "finance-reporting"];
    private static readonly string[] Suffixes = ["daily", "history", "snapshot", "facts", "events", "master", "analytics", "feed", "mart", "stream"];

    private readonly int _seed;

    public MeshGenerator(int quanta, int contracts, long columns, int seed = 42)
    {
        if (quanta < 1 || contracts < 1 || columns < contracts) throw new ArgumentException("Need at least one quantum, one contract and one column per contract.");
        QuantumCount = quanta;
        ContractCount = contracts;
        ColumnCount = columns;
        _seed = seed;
        DomainList = Domains.Select(d => new GeneratedDomain(d, Title(d.Replace('-', ' ')), $"The {d.Replace('-', ' ')} domain: its teams own the {d.Replace('-', ' ')} data products.")).ToList();
        Quanta = Enumerable.Range(0, quanta).Select(NewQuantum).ToList();
    }

    public int QuantumCount { get; }
    public int ContractCount { get; }
    public long ColumnCount { get; }
    public int OwnerCount => 200;
    public IReadOnlyList<GeneratedDomain> DomainList { get; }
    public IReadOnlyList<GeneratedQuantum> Quanta { get; }

    /// <summary>Columns of contract <paramref name="index"/>: the total spread evenly, so they add up to exactly <see cref="ColumnCount"/>.</summary>
    public int ColumnsOf(int index) => (int)(ColumnCount * (index + 1) / ContractCount - ColumnCount * index / ContractCount);

    public IEnumerable<GeneratedContract> Contracts()
    {
        for (var i = 0; i < ContractCount; i++) yield return Contract(i);
    }

    public GeneratedContract Contract(int index)
    {
        var random = new Random(Mix(_seed, index, 7));
        var quantum = Quanta[index % QuantumCount];
        var entity = Pick(random, Entities);
        var suffix = Pick(random, Suffixes);
        var id = $"{quantum.Domain}-{entity}-{suffix}-{index:D6}";
        var columns = ColumnsOf(index);
        var objectCount = Math.Clamp(1 + random.Next(4), 1, columns);
        var objects = new List<GeneratedObject>(objectCount);
        var left = columns;
        var usedObjects = new HashSet<string>();
        for (var o = 0; o < objectCount; o++)
        {
            var count = o == objectCount - 1 ? left : Math.Max(1, left / (objectCount - o) + random.Next(-3, 4));
            count = Math.Min(count, left - (objectCount - o - 1));
            left -= count;
            var objectEntity = o == 0 ? entity : Pick(random, Entities);
            var objectName = UniqueName(usedObjects, o == 0 ? Plural(entity) : $"{objectEntity}_{Pick(random, Suffixes)}");
            objects.Add(new GeneratedObject(objectName, Sentence(random, objectEntity, "row"), Columns(random, objectEntity, count)));
        }
        var status = random.Next(20) switch { < 16 => "active", < 19 => "draft", _ => "deprecated" };
        var tags = random.Next(3) == 0 ? [Pick(random, QuantumTags)] : Array.Empty<string>();
        return new GeneratedContract(index, id, $"{Title(entity)} {suffix} contract", $"{Title(Plural(entity))} {suffix}, {Pick(random, Grains)}, from the {Pick(random, Systems)} system, served by {quantum.Name}.",
            $"1.{random.Next(5)}.0", status, tags, quantum, objects);
    }

    private static List<GeneratedColumn> Columns(Random random, string entity, int count)
    {
        var columns = new List<GeneratedColumn>(count);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var camel = random.Next(3) == 0; // a contract keeps one naming style, as real schemas do
        for (var c = 0; c < count; c++)
        {
            var columnEntity = c == 0 || random.Next(3) > 0 ? entity : Pick(random, Entities);
            var attribute = c == 0 ? "id" : Pick(random, Attributes);
            var qualifier = random.Next(6) == 0 ? Pick(random, Qualifiers) : null;
            var parts = new List<string>(4);
            if (qualifier is not null) parts.Add(qualifier);
            if (random.Next(8) > 0) parts.Add(columnEntity);
            parts.AddRange(attribute.Split('_'));
            var name = UniqueName(used, camel ? Camel(parts) : string.Join('_', parts));
            var (logical, physical) = TypeOf(random, attribute);
            var classification = attribute is "email" or "phone" or "address" ? "restricted" : Pick(random, Classifications);
            string[] tags = random.Next(5) == 0 ? [Pick(random, ColumnTags)] : attribute is "email" or "phone" ? ["pii"] : [];
            columns.Add(new GeneratedColumn(name, ColumnDescription(random, columnEntity, attribute, qualifier), logical, physical, classification, tags));
        }
        return columns;
    }

    private GeneratedQuantum NewQuantum(int index)
    {
        var random = new Random(Mix(_seed, index, 3));
        var domain = Domains[index % Domains.Length];
        var entity = Pick(random, Entities);
        var suffix = Pick(random, Suffixes);
        var slug = $"{entity}-{suffix}-{index:D5}";
        var tags = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Pick(random, QuantumTags)).Distinct().ToArray();
        return new GeneratedQuantum(index, new Guid(Mix(_seed, index, 5), 0, 0, BitConverter.GetBytes((long)index + 1)), domain, slug,
            $"{Title(entity)} {suffix} {index}", $"{Title(Plural(entity))} {suffix} of the {domain.Replace('-', ' ')} domain, {Pick(random, Grains)}, {Pick(random, Verbs)} from the {Pick(random, Systems)} system.",
            Pick(random, Tiers), Pick(random, QuantumStatuses), tags, index % 200);
    }

    private static (string Logical, string Physical) TypeOf(Random random, string attribute) => attribute switch
    {
        "id" or "reference" or "code" => ("string", "varchar(36)"),
        "date" or "start_date" or "end_date" => ("date", "date"),
        "created_at" or "updated_at" => ("timestamp", "timestamp"),
        "amount" or "price" or "total" or "rate" or "margin" or "cost" or "weight" or "volume" or "latitude" or "longitude" or "score" => ("number", $"decimal({10 + random.Next(9)},{2 + random.Next(5)})"),
        "count" or "quantity" or "number" or "level" or "duration" => ("integer", random.Next(2) == 0 ? "integer" : "bigint"),
        "is_active" => ("boolean", "boolean"),
        _ => ("string", $"varchar({(1 + random.Next(8)) * 32})"),
    };

    private static string ColumnDescription(Random random, string entity, string attribute, string? qualifier) =>
        $"The {(qualifier is null ? "" : qualifier + " ")}{attribute.Replace('_', ' ')} of the {entity}, {Pick(random, Verbs)} by the {Pick(random, Systems)} system" +
        (random.Next(3) == 0 ? $"; {Pick(random, Grains)}, in the {Pick(random, Domains).Replace('-', ' ')} reporting." : ".");

    private static string Sentence(Random random, string entity, string grain) =>
        $"One {grain} per {entity}, {Pick(random, Verbs)} from the {Pick(random, Systems)} system.";

    private static string UniqueName(HashSet<string> used, string name)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++) candidate = $"{name}_{n}";
        return candidate;
    }

    private static string Camel(List<string> parts)
    {
        var builder = new StringBuilder(parts[0]);
        foreach (var part in parts.Skip(1)) builder.Append(char.ToUpperInvariant(part[0])).Append(part, 1, part.Length - 1);
        return builder.ToString();
    }

    private static string Plural(string word) => word.EndsWith('y') ? word[..^1] + "ies" : word.EndsWith('s') || word.EndsWith('x') ? word + "es" : word + "s";

    private static string Title(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    // Not HashCode.Combine: it is seeded per process, and the child processes must generate the same mesh.
    private static int Mix(int seed, int index, int salt) => unchecked((seed * 1_000_003) ^ (index * 7_919) ^ (salt * 104_729));

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
