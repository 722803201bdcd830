namespace MeshPortal.Bench.Onboarding;

public enum DefectKind
{
    /// <summary>quantity (integer) is not a number: <c>12x</c>, <c>n/a</c>…</summary>
    BadInteger,
    /// <summary>unit_price (number) is not a number: <c>"12,50"</c>, <c>9.99.9</c>…</summary>
    BadDecimal,
    /// <summary>created_at (timestamp) is not a timestamp: <c>2025-02-30 08:00:00</c>, <c>31/12/2025 10:00</c>…</summary>
    BadTimestamp,
    /// <summary>A required column is empty: customer_id, sku or created_at in turn.</summary>
    MissingRequired,
    /// <summary>order_id (primary key, unique) repeats the key of an earlier, otherwise valid row.</summary>
    DuplicateKey,
    /// <summary>currency or status outside its valid values.</summary>
    EnumViolation,
}

/// <param name="Variant">Which bad value or which column of the kind (they rotate).</param>
/// <param name="OriginalRow">For a duplicate key: the earlier row whose key it repeats.</param>
public sealed record PlantedDefect(long Row, DefectKind Kind, int Variant, long? OriginalRow);

/// <summary>
/// Where the generator plants its defects: one in 100,000 rows of each kind (at least one), each on its own row,
/// every other column of that row valid, so what the engine must quarantine is known exactly.
/// </summary>
public sealed class DefectPlan
{
    public const long RowsPerDefectOfEachKind = 100_000;

    private readonly Dictionary<long, PlantedDefect> _byRow;

    private DefectPlan(Dictionary<long, PlantedDefect> byRow, long perKind)
    {
        _byRow = byRow;
        PerKind = perKind;
    }

    public long PerKind { get; }

    public IEnumerable<PlantedDefect> Defects => _byRow.Values.OrderBy(d => d.Row);

    public bool TryGet(long row, out PlantedDefect defect) => _byRow.TryGetValue(row, out defect!);

    /// <summary>Rows with a defect of their own (a duplicate's original is not one).</summary>
    public long DefectiveRows => _byRow.Count;

    /// <summary>
    /// What the quarantine should hold. With <paramref name="everyDuplicate"/> both rows sharing a key are
    /// quarantined (no row can be said to be the right one); without, the first occurrence stays valid.
    /// </summary>
    public long ExpectedQuarantined(bool everyDuplicate) => DefectiveRows + (everyDuplicate ? PerKind : 0);

    public static DefectPlan For(long rows, int seed)
    {
        var perKind = Math.Max(1, rows / RowsPerDefectOfEachKind);
        var random = new RowRandom(seed, -1);
        var taken = new HashSet<long>();
        var byRow = new Dictionary<long, PlantedDefect>();
        long Free(long below)
        {
            while (true)
            {
                var row = (long)(random.Next() % (ulong)below);
                if (taken.Add(row)) return row;
            }
        }
        foreach (var kind in Enum.GetValues<DefectKind>())
        {
            for (var k = 0; k < perKind; k++)
            {
                if (kind == DefectKind.DuplicateKey)
                {
                    // The repeat comes after its original, so "the first occurrence" is well defined.
                    // More rows below it than rows taken: one of them is free.
                    var row = Free(rows);
                    while (row < taken.Count)
                    {
                        taken.Remove(row);
                        row = Free(rows);
                    }
                    var original = Free(row);
                    byRow[row] = new PlantedDefect(row, kind, k, original);
                }
                else
                {
                    var row = Free(rows);
                    byRow[row] = new PlantedDefect(row, kind, k, null);
                }
            }
        }
        return new DefectPlan(byRow, perKind);
    }
}
