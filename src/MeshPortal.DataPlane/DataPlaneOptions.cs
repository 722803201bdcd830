namespace MeshPortal.DataPlane;

/// <summary>Settings of the data engine (section "MeshPortal:DataPlane").</summary>
public sealed class DataPlaneOptions
{
    /// <summary>Where each quantum's DuckDB file and uploaded files live: &lt;data folder&gt;/quanta by default.</summary>
    public string RootPath { get; set; } = "";
    /// <summary>Largest file a user may upload; uploads are streamed to disk, never held whole in memory.</summary>
    public long MaxUploadBytes { get; set; } = 1L << 30;
    /// <summary>File sources given as a path must lie under this folder; null means path sources are refused.</summary>
    public string? AllowedFileRoot { get; set; }
    /// <summary>Time limit of an owner's gold SELECT (and, later, of SQL quality rules).</summary>
    public TimeSpan UserSqlTimeout { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>DuckDB memory_limit for onboarding work, so a large load spills to disk instead of growing the process.</summary>
    public string DuckDbMemoryLimit { get; set; } = "1GB";
    /// <summary>DuckDB worker threads; 0 means one per core.</summary>
    public int DuckDbThreads { get; set; }
}
