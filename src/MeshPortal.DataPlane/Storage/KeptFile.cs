namespace MeshPortal.DataPlane.Storage;

/// <summary>
/// A source file being kept as one run's bronze (<see cref="BronzeFiles"/>): a hard link when the file is one of the
/// quantum's uploads (written once, never changed: the link costs nothing), else a copy, because a file under the allowed
/// root may be rewritten in place by whoever produces it and bronze must stay what the run read. The run reads the source
/// itself; the copy is made while the run does work that leaves a core free, and <see cref="CompleteAsync"/> then checks
/// that the source did not change since the run started reading it.
/// </summary>
internal sealed class KeptFile
{
    readonly string _source;
    readonly (long Length, DateTime Written) _stamp;
    Task _copy = Task.CompletedTask;
    bool _linked, _copying;

    public string Path { get; }

    KeptFile(string source, string target) => (_source, Path, _stamp) = (source, target, Stamp(source));

    /// <summary>Takes the source's stamp (before the run reads it) and links an upload at once.</summary>
    public static KeptFile Prepare(string source, string target, string uploadsDirectory)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        var kept = new KeptFile(source, target);
        var upload = System.IO.Path.GetFullPath(source).StartsWith(System.IO.Path.GetFullPath(uploadsDirectory) + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);
        kept._linked = upload && BronzeFiles.TryHardLink(source, target);
        return kept;
    }

    /// <summary>
    /// Starts the copy, unless the file was linked: the kernel's copy (copy_file_range on Linux, a reflink where the file
    /// system has them), no pass through this process's memory, on a thread of its own. Not cancellable: a file of a
    /// gigabyte takes about a second.
    /// </summary>
    public void BeginCopy()
    {
        if (_linked || _copying) return;
        _copying = true;
        _copy = Task.Run(() => File.Copy(_source, Path, overwrite: true));
    }

    /// <summary>Waits for the copy, then checks that the source is still the file the run read (same length, same time written).</summary>
    public async Task CompleteAsync()
    {
        BeginCopy();
        try
        {
            await _copy;
        }
        catch (IOException e)
        {
            throw new DataPlaneException($"'{System.IO.Path.GetFileName(_source)}' could not be kept as bronze: {e.Message}", e);
        }
        if (Stamp(_source) != _stamp)
            throw new DataPlaneException($"'{System.IO.Path.GetFileName(_source)}' changed while it was being onboarded (its size or time written moved): "
                + "run the onboarding again once the file is complete.");
    }

    /// <summary>Deletes the kept file (after a failed or cancelled run), once a copy under way has ended.</summary>
    public async Task DeleteAsync()
    {
        try
        {
            await _copy;
        }
        catch (Exception)
        {
            // The copy failed: whatever it wrote goes too.
        }
        BronzeFiles.Delete(Path);
    }

    static (long, DateTime) Stamp(string path)
    {
        var info = new FileInfo(path);
        return (info.Length, info.LastWriteTimeUtc);
    }
}
