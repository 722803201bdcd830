using System.Text;

namespace MeshPortal.DataPlane.Tests.Support;

/// <summary>
/// A CSV of events (id, name, amount) large enough that loading it takes a while — long enough to watch the progress
/// bar move, to cancel a statement while DuckDB runs it, and to kill a process in the middle of a run.
/// </summary>
public sealed class LargeEvents : IDisposable
{
    public const int Rows = 600_000;

    /// <summary>The values of the kind column (the kill host's contract does not declare it).</summary>
    public static readonly string[] Kinds = ["click", "view", "buy", "share", "like", "save"];
    readonly string _folder = Directory.CreateTempSubdirectory("meshportal-large-").FullName;

    public string Path { get; }

    public LargeEvents()
    {
        // The file loads in well under a second on a fast machine: read DuckDB's progress often enough to see it move.
        MeshPortal.DataPlane.Onboarding.RunProgress.PollEvery = TimeSpan.FromMilliseconds(10);
        Path = System.IO.Path.Combine(_folder, "events.csv");
        using var writer = new StreamWriter(Path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("id,name,amount,kind\n");
        for (var i = 1; i <= Rows; i++)
        {
            writer.Write(i);
            writer.Write(",event number ");
            writer.Write(i % 1000);
            writer.Write(',');
            writer.Write(i % 10000);
            writer.Write(".25,");
            writer.Write(Kinds[i % Kinds.Length]);
            writer.Write('\n');
        }
    }

    /// <summary>A small events file of <paramref name="rows"/> rows, ids from <paramref name="firstId"/>.</summary>
    public static string Small(int rows, int firstId = 1) =>
        "id,name,amount\n" + string.Concat(Enumerable.Range(firstId, rows).Select(i => $"{i},small {i},{i}.5\n"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class LargeFileCollection : ICollectionFixture<LargeEvents>
{
    /// <summary>The tests that run long onboardings, one at a time (the machine may have two cores).</summary>
    public const string Name = "large file";
}
