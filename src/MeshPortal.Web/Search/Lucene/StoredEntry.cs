using System.Text;

namespace MeshPortal.Web.Search.Lucene;

/// <summary>
/// What a hit or a suggestion shows (and the description it highlights), as one binary doc value of
/// length-prefixed UTF-8 strings. Doc values rather than stored fields: they are read in place from the
/// memory-mapped file (about a microsecond a hit), where stored fields decompress a 16 KB block per hit
/// (about a hundred). The price is an uncompressed copy on disk, hence the cap on descriptions.
/// </summary>
internal sealed record StoredEntry(
    string Id, string Type, string Title, string Url, string? Description, string? Domain, string? Quantum, string? Path,
    string? Tier, string? Status, string? Classification, string? LogicalType, string? PhysicalType,
    string? ContractId, string? ContractVersion)
{
    private const int FieldCount = 15;

    /// <summary>Descriptions are kept (and highlighted) up to this many characters.</summary>
    public const int MaxDescriptionLength = 2_000;

    /// <summary>Lucene's limit for one binary doc value.</summary>
    private const int MaxBytes = 32_766;

    /// <summary>Throws when <paramref name="d"/> cannot be stored (a doc value holds at most 32 KB).</summary>
    public static void CheckSize(DictionaryDocument d)
    {
        var bytes = 5 * FieldCount;
        foreach (var value in (string?[])[d.Id, d.Type, d.Title, d.Url, d.Domain, d.Quantum, d.Path, d.Tier, d.Status, d.Classification,
                     d.LogicalType, d.PhysicalType, d.ContractId, d.ContractVersion])
        {
            if (value is not null) bytes += Encoding.UTF8.GetByteCount(value);
        }
        bytes += 3 * Math.Min(d.Description?.Length ?? 0, MaxDescriptionLength);
        if (bytes > MaxBytes) throw new ArgumentException($"Dictionary document '{d.Id}' is too large to index: its fields take {bytes:N0} bytes.", nameof(d));
    }

    /// <summary>Encodes <paramref name="d"/> into <paramref name="buffer"/> (grown as needed); returns the length.</summary>
    public static int Encode(DictionaryDocument d, ref byte[] buffer)
    {
        var length = 0;
        var description = d.Description is { Length: > MaxDescriptionLength } text ? text[..MaxDescriptionLength] : d.Description;
        Write(d.Id, ref buffer, ref length);
        Write(d.Type, ref buffer, ref length);
        Write(d.Title, ref buffer, ref length);
        Write(d.Url, ref buffer, ref length);
        Write(description, ref buffer, ref length);
        Write(d.Domain, ref buffer, ref length);
        Write(d.Quantum, ref buffer, ref length);
        Write(d.Path, ref buffer, ref length);
        Write(d.Tier, ref buffer, ref length);
        Write(d.Status, ref buffer, ref length);
        Write(d.Classification, ref buffer, ref length);
        Write(d.LogicalType, ref buffer, ref length);
        Write(d.PhysicalType, ref buffer, ref length);
        Write(d.ContractId, ref buffer, ref length);
        Write(d.ContractVersion, ref buffer, ref length);
        return length;
    }

    public static StoredEntry Decode(ReadOnlySpan<byte> bytes)
    {
        var values = new string?[FieldCount];
        var position = 0;
        for (var i = 0; i < FieldCount; i++) values[i] = Read(bytes, ref position);
        return new StoredEntry(values[0] ?? "", values[1] ?? "", values[2] ?? "", values[3] ?? "", values[4], values[5],
            values[6], values[7], values[8], values[9], values[10], values[11], values[12], values[13], values[14]);
    }

    // Length + 1 as a 7-bit varint (0 = null), then the UTF-8 bytes.
    private static void Write(string? value, ref byte[] buffer, ref int length)
    {
        var byteCount = value is null ? 0 : Encoding.UTF8.GetByteCount(value);
        var needed = length + 5 + byteCount;
        if (needed > buffer.Length) Array.Resize(ref buffer, Math.Max(needed, buffer.Length * 2));
        var prefix = value is null ? 0u : (uint)byteCount + 1;
        while (prefix >= 0x80)
        {
            buffer[length++] = (byte)(prefix | 0x80);
            prefix >>= 7;
        }
        buffer[length++] = (byte)prefix;
        if (value is not null) length += Encoding.UTF8.GetBytes(value, buffer.AsSpan(length));
    }

    private static string? Read(ReadOnlySpan<byte> bytes, ref int position)
    {
        uint prefix = 0;
        var shift = 0;
        byte b;
        do
        {
            b = bytes[position++];
            prefix |= (uint)(b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (prefix == 0) return null;
        var count = (int)prefix - 1;
        var value = Encoding.UTF8.GetString(bytes.Slice(position, count));
        position += count;
        return value;
    }
}
