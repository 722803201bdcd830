namespace MeshPortal.Web.Infrastructure;

/// <summary>
/// The folder that holds everything the embedded mode writes: the SQLite database, Hangfire's storage,
/// demo tokens, Data Protection keys and (later) indexes and quantum data. `MeshPortal:DataPath` /
/// `MeshPortal__DataPath`, default ./data; relative paths are taken from the working directory, so
/// `dotnet run --project src/MeshPortal.Web` from the repository root uses ./data there.
/// </summary>
public sealed class DataFolder
{
    public DataFolder(IConfiguration configuration)
    {
        var configured = configuration["MeshPortal:DataPath"];
        Path = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);
}
