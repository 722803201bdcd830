namespace MeshPortal.Web.Infrastructure;

/// <summary>
/// The folder that holds everything the embedded mode writes: the SQLite database, Hangfire's storage,
/// demo tokens and (later) indexes and quantum data. `MeshPortal:DataPath` / `MeshPortal__DataPath`, default ./data.
/// </summary>
public sealed class DataFolder
{
    public DataFolder(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["MeshPortal:DataPath"];
        Path = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.Combine(environment.ContentRootPath, "data")
            : configured);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);
}
