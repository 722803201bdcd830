namespace MeshPortal.DataPlane.Sources;

/// <summary>
/// How many records a file of lines (CSV, JSON lines) holds, estimated from two half-megabyte samples, at its start and in
/// its middle (lines often grow along a file, with their ids): the file's size × the lines found / the bytes read, less
/// the header. Exact for a file of a megabyte or less, but for line breaks inside quoted values. Only for the progress of a
/// run (rows read while DuckDB reads the file); the counts a run records are the read's own.
/// </summary>
internal static class RowEstimate
{
    const int SampleBytes = 1 << 19;

    public static long? OfLines(string path, int headerLines)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
            var length = stream.Length;
            if (length <= 2 * SampleBytes)
            {
                var whole = new byte[(int)length];
                stream.ReadExactly(whole);
                long lines = whole.AsSpan().Count((byte)'\n');
                if (length > 0 && whole[^1] != (byte)'\n') lines++; // the last line has no line break
                return lines == 0 ? null : Math.Max(0, lines - headerLines);
            }
            var sample = new byte[SampleBytes];
            stream.ReadExactly(sample);
            long found = sample.AsSpan().Count((byte)'\n');
            stream.Position = length / 2;
            stream.ReadExactly(sample);
            found += sample.AsSpan().Count((byte)'\n');
            return found == 0 ? null : Math.Max(0, (long)Math.Round(length * (double)found / (2 * SampleBytes)) - headerLines);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
