namespace MeshPortal.Web.Tests.Features.Contracts;

/// <summary>The official ODCS files in shared/standards, found beside the repository (as laid out for CI and developers).</summary>
public static class OdcsStandards
{
    public static string OdcsFolder { get; } = Locate();

    public static IEnumerable<object[]> Examples() =>
        Directory.EnumerateFiles(Path.Combine(OdcsFolder, "examples"), "*.yaml", SearchOption.AllDirectories)
            .Order()
            .Select(f => new object[] { Path.GetRelativePath(Path.Combine(OdcsFolder, "examples"), f) });

    public static string Example(string relative) => File.ReadAllText(Path.Combine(OdcsFolder, "examples", relative));

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "standards", "odcs");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/standards/odcs was not found above the test folder; the repository must sit beside shared/.");
    }
}
