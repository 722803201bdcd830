using System.Runtime.InteropServices;
using MeshPortal.DataPlane.Sources;

namespace MeshPortal.DataPlane.Storage;

/// <summary>
/// The source files onboarding keeps as bronze, one per run in <see cref="QuantumStorage.BronzeDirectory"/>, named after
/// the run. A published bronze view reads the file of its run; the others are left by runs that failed or were replaced.
/// </summary>
internal static class BronzeFiles
{
    public static string FileName(Guid runId, FileFormat format) => runId.ToString("N") + format switch
    {
        FileFormat.Csv => ".csv",
        FileFormat.Parquet => ".parquet",
        FileFormat.JsonLines => ".jsonl",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>Deletes the kept files of every run but <paramref name="keep"/> (those published bronze views read).</summary>
    public static void RemoveAllBut(string directory, IReadOnlySet<Guid> keep)
    {
        if (!Directory.Exists(directory)) return;
        foreach (var file in Directory.EnumerateFiles(directory))
            if (!Guid.TryParseExact(Path.GetFileNameWithoutExtension(file), "N", out var run) || !keep.Contains(run))
                Delete(file);
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Still open somewhere (Windows): the next run removes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    internal static bool TryHardLink(string source, string target) =>
        OperatingSystem.IsWindows() ? CreateHardLink(target, source, IntPtr.Zero) : link(source, target) == 0;

    [DllImport("libc", EntryPoint = "link")]
    static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);

    [DllImport("kernel32.dll", EntryPoint = "CreateHardLinkW", CharSet = CharSet.Unicode)]
    [return: MarshalAs(UnmanagedType.Bool)]
    static extern bool CreateHardLink(string newPath, string existingPath, IntPtr securityAttributes);
}
