using System.Text;
using MeshPortal.DataPlane.Sources;
using MeshPortal.DataPlane.Tests.Support;

namespace MeshPortal.DataPlane.Tests.Sources;

public sealed class RowEstimateTests : IDisposable
{
    readonly Workspace _workspace = new();

    [Fact]
    public void ASmallFile_IsCountedExactly_LessItsHeader()
    {
        var withBreak = _workspace.File("small.csv", "id,name\n1,a\n2,b\n3,c\n");
        var withoutBreak = _workspace.File("last.jsonl", "{\"id\":1}\n{\"id\":2}");

        Assert.Equal(3, RowEstimate.OfLines(withBreak, headerLines: 1));
        Assert.Equal(2, RowEstimate.OfLines(withoutBreak, headerLines: 0));
    }

    [Fact]
    public void ALargeFile_IsEstimatedFromItsFirstMegabyte()
    {
        var text = new StringBuilder("id,name,amount\n");
        for (var i = 1; i <= 200_000; i++) text.Append(i).Append(",name-").Append(i % 977).Append(',').Append(i * 3 % 10_000).Append('\n');
        var file = _workspace.File("large.csv", text.ToString());

        var estimate = RowEstimate.OfLines(file, headerLines: 1);

        Assert.InRange(estimate!.Value, 196_000, 204_000);
    }

    [Fact]
    public void AnEmptyOrMissingFile_HasNoEstimate()
    {
        Assert.Null(RowEstimate.OfLines(_workspace.File("empty.csv", ""), headerLines: 1));
        Assert.Null(RowEstimate.OfLines(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".csv"), headerLines: 1));
    }

    public void Dispose() => _workspace.Dispose();
}
