using System.Net;
using MeshPortal.Web.Features.Quanta;
using MeshPortal.Web.Tests.Infrastructure;

namespace MeshPortal.Web.Tests.Features.Quanta;

[Collection(PortalCollection.Name)]
public class QuantaApiLifecycleTests(PortalFactory portal)
{
    private readonly HttpClient _owner = portal.ClientFor("sales-owner");

    [Fact]
    public async Task Put_FullLifecycle_DraftActiveDeprecatedRetired()
    {
        var quantum = await _owner.RegisterAsync("sales");
        foreach (var status in new[] { "active", "deprecated", "active", "deprecated", "retired" })
        {
            quantum = await (await _owner.PutQuantumAsync(quantum, status: status)).ReadAsync<QuantumDto>();
            Assert.Equal(status, quantum.Status);
        }
    }

    [Theory]
    [InlineData("retired", "active")]
    [InlineData("retired", "draft")]
    [InlineData("draft", "deprecated")]
    [InlineData("active", "draft")]
    [InlineData("active", "retired")]
    public async Task Put_InvalidTransition_Returns400NamingStatusAndChangesNothing(string from, string to)
    {
        var quantum = await ReachAsync(from);

        var response = await _owner.PutQuantumAsync(quantum, status: to);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["status"], problem.ErrorFields());
        Assert.Contains(from, problem.GetProperty("errors").GetProperty("status")[0].GetString());
        var stored = await _owner.GetQuantumAsync(quantum.Id);
        Assert.Equal((from, quantum.Version), (stored.Status, stored.Version));
    }

    [Fact]
    public async Task Put_EngineerEditingAnActiveQuantum_KeepsItsStatus()
    {
        var quantum = await ReachAsync("active");

        var edited = await (await portal.ClientFor("engineer").PutQuantumAsync(quantum, name: "Edited by engineer")).ReadAsync<QuantumDto>();

        Assert.Equal(("active", "Edited by engineer"), (edited.Status, edited.Name));
    }

    private async Task<QuantumDto> ReachAsync(string status)
    {
        var quantum = await _owner.RegisterAsync("sales");
        var path = status switch
        {
            "draft" => [],
            "active" => ["active"],
            "deprecated" => ["active", "deprecated"],
            "retired" => new[] { "retired" },
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var step in path) quantum = await (await _owner.PutQuantumAsync(quantum, status: step)).ReadAsync<QuantumDto>();
        Assert.Equal(status, quantum.Status);
        return quantum;
    }
}
