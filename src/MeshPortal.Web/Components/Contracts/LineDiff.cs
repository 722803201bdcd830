namespace MeshPortal.Web.Components.Contracts;

/// <summary>
/// Which lines differ between two texts, for highlighting a side-by-side view: a longest-common-subsequence diff
/// after trimming the common head and tail. Beyond a size budget it falls back to marking lines the other side lacks.
/// </summary>
public static class LineDiff
{
    private const long Budget = 4_000_000;

    /// <summary>1-based numbers of the lines only in <paramref name="before"/> (removed) and only in <paramref name="after"/> (added).</summary>
    public static (HashSet<int> Removed, HashSet<int> Added) Compare(string before, string after)
    {
        var a = Lines(before);
        var b = Lines(after);
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head]) head++;
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)]) tail++;
        var n = a.Length - head - tail;
        var m = b.Length - head - tail;
        var removed = new HashSet<int>();
        var added = new HashSet<int>();
        if ((long)n * m > Budget)
        {
            var inB = b.Skip(head).Take(m).ToHashSet();
            var inA = a.Skip(head).Take(n).ToHashSet();
            for (var i = 0; i < n; i++) if (!inB.Contains(a[head + i])) removed.Add(head + i + 1);
            for (var j = 0; j < m; j++) if (!inA.Contains(b[head + j])) added.Add(head + j + 1);
            return (removed, added);
        }
        // lengths[i, j]: LCS length of a[i..n) and b[j..m) (offset by head).
        var lengths = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        for (var j = m - 1; j >= 0; j--)
            lengths[i, j] = a[head + i] == b[head + j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
        int x = 0, y = 0;
        while (x < n && y < m)
        {
            if (a[head + x] == b[head + y]) { x++; y++; }
            else if (lengths[x + 1, y] >= lengths[x, y + 1]) removed.Add(head + ++x);
            else added.Add(head + ++y);
        }
        while (x < n) removed.Add(head + ++x);
        while (y < m) added.Add(head + ++y);
        return (removed, added);
    }

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');
}
