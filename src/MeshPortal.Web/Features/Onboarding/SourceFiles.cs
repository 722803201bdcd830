using System.Globalization;
using MeshPortal.DataPlane.Sources;

namespace MeshPortal.Web.Features.Onboarding;

/// <summary>File sources: which formats are read, streaming an upload to disk under a size limit, and paths under the allowed root.</summary>
public static class SourceFiles
{
    public const string Extensions = ".csv, .parquet, .jsonl, .ndjson or .json";

    /// <summary>"csv", "parquet" or "jsonl" from the file's extension; null when it is not one the engine reads.</summary>
    public static string? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" => "csv",
        ".parquet" => "parquet",
        ".jsonl" or ".ndjson" or ".json" => "jsonl",
        _ => null,
    };

    public static FileFormat ToFileFormat(string? format) => format switch
    {
        "csv" => FileFormat.Csv,
        "parquet" => FileFormat.Parquet,
        "jsonl" => FileFormat.JsonLines,
        _ => throw new InvalidOperationException($"'{format}' is not a stored file format."),
    };

    /// <summary>"1 GB", "256 KB": limits in messages.</summary>
    public static string Size(long bytes)
    {
        string[] units = ["bytes", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1 && value % 1024 == 0)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes") : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }

    /// <summary>
    /// Copies <paramref name="content"/> to <paramref name="path"/>, counting bytes; stops as soon as it would pass
    /// <paramref name="limit"/> and returns null. The partial file is deleted on any failure, so nothing half-written stays.
    /// </summary>
    public static async Task<long?> CopyLimitedAsync(Stream content, string path, long limit, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var completed = false;
        try
        {
            long total = 0;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                    if (total > limit) return null;
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            completed = true;
            return total;
        }
        finally
        {
            if (!completed) TryDelete(path);
        }
    }

    public static void TryDelete(string? path)
    {
        try
        {
            if (path is not null && File.Exists(path)) File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the operator; never fail a user's request over clean-up.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Resolves a user-given path (absolute, or relative to <paramref name="root"/>) to the real file it names, following
    /// symbolic links in every component, and accepts it only when that real file lies under the real root. Returns the
    /// real path, or an error message.
    /// </summary>
    public static (string? Path, string? Error) ResolveUnderRoot(string root, string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return (null, "Give the path of a file on the server.");
        if (path.Contains('\0')) return (null, "The path contains a NUL character.");
        string realRoot, real;
        try
        {
            realRoot = RealPath(Path.GetFullPath(root));
            real = RealPath(Path.GetFullPath(Path.Combine(root, path.Trim())));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, $"The path '{path}' cannot be resolved: {e.Message}");
        }
        var prefix = realRoot.EndsWith(Path.DirectorySeparatorChar) ? realRoot : realRoot + Path.DirectorySeparatorChar;
        if (!real.StartsWith(prefix, StringComparison.Ordinal))
            return (null, $"The path '{path}' is outside the folder file sources may be read from ({realRoot}).");
        if (Directory.Exists(real)) return (null, $"'{path}' is a folder; give the path of one file.");
        if (!File.Exists(real)) return (null, $"There is no file '{path}' under {realRoot}.");
        return (real, null);
    }

    /// <summary>The path with every symbolic link replaced by its final target (like realpath(3)).</summary>
    private static string RealPath(string fullPath, int depth = 0)
    {
        if (depth > 40) throw new IOException("Too many levels of symbolic links.");
        var root = Path.GetPathRoot(fullPath)!;
        var current = root;
        foreach (var part in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (!info.Exists || info.LinkTarget is null) continue;
            var target = info.LinkTarget;
            var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(Path.GetDirectoryName(current)!, target));
            current = RealPath(resolved, depth + 1);
        }
        return current;
    }
}
