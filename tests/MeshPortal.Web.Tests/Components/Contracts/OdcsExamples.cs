namespace MeshPortal.Web.Tests.Components.Contracts;

/// <summary>The official ODCS examples in shared/standards, found above the test folder (the repository sits beside shared/).</summary>
public static class OdcsExamples
{
    private static readonly string Folder = Locate();

    public static IEnumerable<object[]> All() =>
        Directory.EnumerateFiles(Folder, "*.yaml", SearchOption.AllDirectories).Order()
            .Select(f => new object[] { Path.GetRelativePath(Folder, f) });

    public static string Read(string relative) => File.ReadAllText(Path.Combine(Folder, relative));

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "standards", "odcs", "examples");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("shared/standards/odcs/examples was not found above the test folder.");
    }
}
