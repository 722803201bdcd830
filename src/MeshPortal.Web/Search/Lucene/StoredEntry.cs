using System.Text;

namespace MeshPortal.Web.Search.Lucene;

/// <summary>
/// What a hit or a suggestion shows, stored as one compact binary field (length-prefixed UTF-8 strings) so
/// loading a hit reads one field instead of fifteen.
/// </summary>
internal sealed record StoredEntry(
    string Id, string Type, string Title, string Url, string? Description, string? Domain, string? Quantum, string? Path,
    string? Tier, string? Status, string? Classification, string? LogicalType, string? PhysicalType,
    string? ContractId, string? ContractVersion)
{
    private const int FieldCount = 15;

    /// <summary>Encodes <paramref name="d"/> into <paramref name="buffer"/> (grown as needed); returns the length.</summary>
    public static int Encode(DictionaryDocument d, ref byte[] buffer)
    {
        var length = 0;
        Write(d.Id, ref buffer, ref length);
        Write(d.Type, ref buffer, ref length);
        Write(d.Title, ref buffer, ref length);
        Write(d.Url, ref buffer, ref length);
        Write(d.Description, ref buffer, ref length);
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
