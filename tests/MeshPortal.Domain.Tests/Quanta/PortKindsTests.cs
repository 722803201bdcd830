using MeshPortal.Domain.Quanta;

namespace MeshPortal.Domain.Tests.Quanta;

public class PortKindsTests
{
    private static Port Make(PortDirection direction, string kind, string name = "orders", string? source = null, Guid? upstream = null, string? upstreamPort = null, string? endpoint = null) =>
        new() { Direction = direction, Kind = kind, Name = name, Source = source, UpstreamQuantumId = upstream, UpstreamPort = upstreamPort, Endpoint = endpoint };

    private static string[] Fields(Port port) => PortKinds.Validate(port).Select(e => e.Field).ToArray();

    public static TheoryData<Port> CompletePorts => new()
    {
        Make(PortDirection.Input, "source", source: "erp://orders"),
        Make(PortDirection.Input, "quantum", upstream: Guid.NewGuid(), upstreamPort: "orders"),
        Make(PortDirection.Output, "table"),
        Make(PortDirection.Output, "file"),
        Make(PortDirection.Output, "api"),
        Make(PortDirection.Output, "stream"),
        Make(PortDirection.Management, "observability", endpoint: "/metrics"),
        Make(PortDirection.Management, "control", endpoint: "/control"),
        Make(PortDirection.Management, "discovery", endpoint: "/odps"),
    };

    [Theory]
    [MemberData(nameof(CompletePorts))]
    public void Validate_CompletePort_HasNoProblems(Port port) => Assert.Empty(PortKinds.Validate(port));

    [Theory]
    [InlineData(PortDirection.Input, "table")]
    [InlineData(PortDirection.Input, "observability")]
    [InlineData(PortDirection.Output, "source")]
    [InlineData(PortDirection.Output, "quantum")]
    [InlineData(PortDirection.Management, "api")]
    [InlineData(PortDirection.Output, "")]
    [InlineData(PortDirection.Output, "Table")]
    public void Validate_KindNotOfItsDirection_NamesKind(PortDirection direction, string kind)
    {
        var problems = PortKinds.Validate(Make(direction, kind, source: "x", endpoint: "x")).ToList();
        var (field, message) = Assert.Single(problems);
        Assert.Equal("kind", field);
        Assert.Contains(string.Join(", ", PortKinds.ByDirection[direction]), message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_MissingName_NamesName(string name) =>
        Assert.Equal(["name"], Fields(Make(PortDirection.Output, "table", name: name)));

    [Theory]
    [InlineData("Orders")]
    [InlineData("orders_daily")]
    [InlineData("o")]
    public void Validate_NameNotASlug_NamesName(string name)
    {
        var (field, message) = Assert.Single(PortKinds.Validate(Make(PortDirection.Output, "table", name: name)));
        Assert.Equal("name", field);
        Assert.Contains(name, message);
    }

    [Fact]
    public void Validate_SourceInputWithoutSource_NamesSource() =>
        Assert.Equal(["source"], Fields(Make(PortDirection.Input, "source", source: " ")));

    [Theory]
    [InlineData(false, "orders")]
    [InlineData(true, null)]
    [InlineData(true, "")]
    public void Validate_QuantumInputWithoutUpstream_NamesUpstream(bool hasQuantum, string? upstreamPort) =>
        Assert.Equal(["upstreamQuantumId"], Fields(Make(PortDirection.Input, "quantum", upstream: hasQuantum ? Guid.NewGuid() : null, upstreamPort: upstreamPort)));

    [Fact]
    public void Validate_ManagementWithoutEndpoint_NamesEndpoint() =>
        Assert.Equal(["endpoint"], Fields(Make(PortDirection.Management, "control")));

    [Fact]
    public void ByDirection_CoversEveryDirection() =>
        Assert.All(Enum.GetValues<PortDirection>(), d => Assert.NotEmpty(PortKinds.ByDirection[d]));
}
