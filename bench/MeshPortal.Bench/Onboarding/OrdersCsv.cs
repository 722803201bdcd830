using System.Text;

namespace MeshPortal.Bench.Onboarding;

/// <summary>
/// The onboarding benchmark's source file: order lines, 12 columns, about 113 bytes a row (10 million rows ≈ 1.1 GB),
/// with the defects of <see cref="DefectPlan"/> planted. Written as a stream of ASCII bytes through one buffer; every
/// value is formatted straight into it (no strings per row).
/// </summary>
public sealed class OrdersCsv(long rows, int seed)
{
    public const string ObjectName = "orders";

    public static readonly string[] Columns =
        ["order_id", "customer_id", "sku", "quantity", "unit_price", "currency", "status", "country", "email", "created_at", "shipped_at", "note"];

    public static readonly string[] Currencies = ["EUR", "USD", "GBP", "CHF", "SEK"];
    public static readonly string[] Statuses = ["placed", "paid", "shipped", "delivered", "cancelled", "returned"];
    public const string CountryPattern = "^[A-Z]{2}$";
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    // Weighted: the first entries are the common ones.
    private static readonly byte[][] CurrencyBytes = Bytes("EUR", "EUR", "EUR", "EUR", "USD", "USD", "USD", "GBP", "CHF", "SEK");
    private static readonly byte[][] StatusBytes = Bytes(Statuses);
    private static readonly byte[][] Countries = Bytes("DE", "FR", "NL", "BE", "IT", "ES", "PT", "AT", "CH", "PL", "SE", "DK", "NO", "FI", "IE", "GB", "US", "CA", "CZ", "LU");
    private static readonly byte[][] Sizes = Bytes("S", "M", "L", "XL");
    private static readonly byte[][] FirstNames = Bytes("anna", "ben", "clara", "david", "emma", "felix", "greta", "hugo", "ines", "jonas", "lea", "marc", "nora", "omar", "paula", "sven");
    private static readonly byte[][] Domains = Bytes("example.com", "mail.test", "shop.example", "post.example");

    // CSV-escaped once: commas and quotes make the reader's quoting path do real work.
    private static readonly byte[][] Notes = Bytes(
        "gift wrap", "\"leave at the door, ring twice\"", "\"customer said \"\"urgent\"\"\"", "call before delivery",
        "\"fragile, \"\"handle with care\"\"\"", "no invoice in the parcel", "\"deliver to reception, 2nd floor\"", "repeat order");

    private static readonly byte[][] BadIntegers = Bytes("12x", "n/a", "--", "1O");
    private static readonly byte[][] BadDecimals = Bytes("\"12,50\"", "9.99.9", "abc", "$4.20");
    private static readonly byte[][] BadTimestamps = Bytes("2025-02-30 08:00:00", "31/12/2025 10:00", "not a date", "2025-13-01 10:00:00");
    private static readonly byte[][] BadCurrencies = Bytes("XXX", "EURO", "BTC");
    private static readonly byte[][] BadStatuses = Bytes("lost", "on-hold", "pending");

    private static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private const int TwoYearsOfSeconds = 2 * 365 * 24 * 3600;

    public long Rows => rows;

    public int Seed => seed;

    public DefectPlan Plan { get; } = DefectPlan.For(rows, seed);

    /// <summary>The key of a row as the generator writes it (unique: three slots per row).</summary>
    public long OrderId(long row) => 5_000_000_000L + row * 3 + new RowRandom(seed, row).Next(3);

    /// <summary>The order_id of every row the quarantine should hold, sorted (a duplicated key appears once per row).</summary>
    public List<long> QuarantinedKeys(bool everyDuplicate)
    {
        var keys = new List<long>();
        foreach (var defect in Plan.Defects)
        {
            if (defect.OriginalRow is { } original)
            {
                keys.Add(OrderId(original));
                if (everyDuplicate) keys.Add(OrderId(original));
            }
            else keys.Add(OrderId(defect.Row));
        }
        keys.Sort();
        return keys;
    }

    /// <summary>Writes the file; returns its size in bytes.</summary>
    public long Write(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        var at = 0;
        var header = Encoding.ASCII.GetBytes(string.Join(',', Columns) + "\n");
        header.CopyTo(buffer, 0);
        at = header.Length;
        long written = 0;
        for (long row = 0; row < rows; row++)
        {
            if (at > buffer.Length - 1024)
            {
                file.Write(buffer, 0, at);
                written += at;
                at = 0;
            }
            at = WriteRow(buffer, at, row);
        }
        file.Write(buffer, 0, at);
        return written + at;
    }

    private int WriteRow(byte[] buffer, int at, long row)
    {
        var span = buffer.AsSpan();
        var defect = Plan.TryGet(row, out var d) ? d : null;
        var random = new RowRandom(seed, row);
        var orderId = 5_000_000_000L + row * 3 + random.Next(3);
        if (defect is { Kind: DefectKind.DuplicateKey }) orderId = OrderId(defect.OriginalRow!.Value);
        var customer = 100_000 + random.Next(900_000);
        var sku = 10_000 + random.Next(90_000);
        var size = random.Next(Sizes.Length);
        var r = random.Next(100);
        var quantity = r < 90 ? 1 + random.Next(9) : 10 + random.Next(490);
        var cents = 50 + random.Next(99_950);
        var currency = random.Next(CurrencyBytes.Length);
        var status = random.Next(StatusBytes.Length);
        var country = random.Next(Countries.Length);
        var first = random.Next(FirstNames.Length);
        var mailbox = random.Next(1000);
        var domain = random.Next(Domains.Length);
        var created = Epoch.AddSeconds(random.Next(TwoYearsOfSeconds));
        var shipped = created.AddSeconds(3600 + random.Next(10 * 24 * 3600));
        var note = random.Next(100);

        var kind = defect?.Kind;
        var variant = defect?.Variant ?? 0;
        var missing = kind == DefectKind.MissingRequired ? variant % 3 : -1;

        at = Long(span, at, orderId);
        span[at++] = (byte)',';
        if (missing != 0) at = Long(span, at, customer);
        span[at++] = (byte)',';
        if (missing != 1)
        {
            at = Put(span, at, "SKU-"u8);
            at = Long(span, at, sku);
            span[at++] = (byte)'-';
            at = Put(span, at, Sizes[size]);
        }
        span[at++] = (byte)',';
        at = kind == DefectKind.BadInteger ? Put(span, at, BadIntegers[variant % BadIntegers.Length]) : Long(span, at, quantity);
        span[at++] = (byte)',';
        if (kind == DefectKind.BadDecimal) at = Put(span, at, BadDecimals[variant % BadDecimals.Length]);
        else
        {
            at = Long(span, at, cents / 100);
            span[at++] = (byte)'.';
            span[at++] = (byte)('0' + cents / 10 % 10);
            span[at++] = (byte)('0' + cents % 10);
        }
        span[at++] = (byte)',';
        var badEnum = kind == DefectKind.EnumViolation;
        at = Put(span, at, badEnum && variant % 2 == 0 ? BadCurrencies[variant / 2 % BadCurrencies.Length] : CurrencyBytes[currency]);
        span[at++] = (byte)',';
        at = Put(span, at, badEnum && variant % 2 == 1 ? BadStatuses[variant / 2 % BadStatuses.Length] : StatusBytes[status]);
        span[at++] = (byte)',';
        at = Put(span, at, Countries[country]);
        span[at++] = (byte)',';
        at = Put(span, at, FirstNames[first]);
        at = Long(span, at, mailbox);
        span[at++] = (byte)'@';
        at = Put(span, at, Domains[domain]);
        span[at++] = (byte)',';
        if (kind == DefectKind.BadTimestamp) at = Put(span, at, BadTimestamps[variant % BadTimestamps.Length]);
        else if (missing != 2) at = Timestamp(span, at, created);
        span[at++] = (byte)',';
        // Shipped, delivered and returned orders have left the warehouse.
        if (status is 2 or 3 or 5) at = Timestamp(span, at, shipped);
        span[at++] = (byte)',';
        if (note < 30) at = Put(span, at, Notes[note % Notes.Length]);
        span[at++] = (byte)'\n';
        return at;
    }

    private static int Put(Span<byte> span, int at, ReadOnlySpan<byte> value)
    {
        value.CopyTo(span[at..]);
        return at + value.Length;
    }

    private static int Long(Span<byte> span, int at, long value)
    {
        value.TryFormat(span[at..], out var n, default, System.Globalization.CultureInfo.InvariantCulture);
        return at + n;
    }

    private static int Timestamp(Span<byte> span, int at, DateTime value)
    {
        value.TryFormat(span[at..], out var n, "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        return at + n;
    }

    private static byte[][] Bytes(params string[] values) => values.Select(Encoding.ASCII.GetBytes).ToArray();
}
