namespace MeshPortal.DataPlane.Sources;

/// <summary>What the file readers share: the checks on the path, and DuckDB's messages made readable.</summary>
internal static class FileSources
{
    /// <summary>The file's full path, once it is known to exist and to be usable in DuckDB's readers.</summary>
    public static string CheckedPath(SourceSpec source, FileFormat format)
    {
        if (source is not FileSource file || file.Format != format)
            throw new ArgumentException($"This reader reads {format} files only.", nameof(source));
        if (string.IsNullOrWhiteSpace(file.Path)) throw new DataPlaneException("The source has no file path.");
        var path = Path.GetFullPath(file.Path);
        if (Directory.Exists(path)) throw new DataPlaneException($"'{Path.GetFileName(path)}' is a folder, not a file.");
        if (!File.Exists(path)) throw new DataPlaneException($"The source file '{Path.GetFileName(path)}' does not exist on the server: it may have been moved or deleted. Upload it again or fix the path.");
        // DuckDB's readers take these as a glob pattern, which could read other files than the one named.
        if (path.IndexOfAny(['*', '?', '[', ']', '{', '}']) >= 0)
            throw new DataPlaneException($"The file name '{Path.GetFileName(path)}' contains one of * ? [ ] {{ }}, which the data engine reads as a pattern: rename the file.");
        return path;
    }

    /// <summary>DuckDB's message about the file, with the server path replaced by the file's name.</summary>
    public static string Message(Exception e, string path) =>
        Sql.Db.Message(e).Replace(path, Path.GetFileName(path), StringComparison.Ordinal);
}
