namespace MeshPortal.DataPlane.Sources;

/// <summary>How a source is named in messages and in <c>meta.loads</c>: never a path on the server, never a secret.</summary>
internal static class SourceText
{
    public static string Describe(SourceSpec source) => source switch
    {
        FileSource file => $"{FormatName(file.Format)} file '{Path.GetFileName(file.Path)}'",
        RelationalSource relational => relational.ToString(),
        CompositionSource composition => $"composition of {string.Join(", ", composition.Inputs.Keys)}",
        _ => source.GetType().Name,
    };

    static string FormatName(FileFormat format) => format switch
    {
        FileFormat.Csv => "CSV",
        FileFormat.Parquet => "Parquet",
        FileFormat.JsonLines => "JSON lines",
        _ => format.ToString(),
    };
}
