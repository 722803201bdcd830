namespace MeshPortal.Bench.Onboarding;

/// <summary>
/// SplitMix64 keyed by (seed, row): every row is a pure function of its index, so a row can be regenerated on its
/// own (the original of a planted duplicate key) and the file is the same on every machine and .NET version.
/// </summary>
public struct RowRandom(int seed, long row)
{
    private ulong _state = (ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)row * 0xD1B54A32D192ED03UL;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>0 ≤ value &lt; <paramref name="bound"/> (the modulo bias is irrelevant here).</summary>
    public int Next(int bound) => (int)(Next() % (ulong)bound);
}
