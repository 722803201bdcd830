using System.Net;
using System.Net.Http.Json;
using MeshPortal.E2E.Infrastructure;
using Microsoft.Playwright;

namespace MeshPortal.E2E.Quanta;

[Collection(PortalCollection.Name)]
public sealed class ConsumerPermissionsTests(PortalFixture portal)
{
    [Fact]
    public async Task Consumer_SeesNoEditAction_WhileTheOwnerDoes()
    {
        var quantum = (await portal.Api("consumer").ListQuantaAsync("sales")).First();

        var owner = await portal.NewSignedInPageAsync("sales-owner");
        await owner.GotoInteractiveAsync($"/quanta/{quantum.Id}");
        await Assertions.Expect(owner.Locator("h1")).ToContainTextAsync(quantum.Name);
        await Assertions.Expect(owner.Locator("[data-testid=edit-quantum]").First).ToBeVisibleAsync();

        var consumer = await portal.NewSignedInPageAsync("consumer");
        await consumer.GotoInteractiveAsync($"/quanta/{quantum.Id}");
        await Assertions.Expect(consumer.Locator("h1")).ToContainTextAsync(quantum.Name);
        await Assertions.Expect(consumer.Locator("[data-testid=edit-quantum]")).ToHaveCountAsync(0);

        await owner.Context.CloseAsync();
        await consumer.Context.CloseAsync();
    }

    [Fact]
    public async Task Consumer_WritingThroughTheApi_IsForbidden()
    {
        var slug = ApiExtensions.UniqueSlug("consumer-attempt");
        var response = await portal.Api("consumer").PostAsJsonAsync("/api/v1/quanta", new
        {
            domain = "sales",
            slug,
            name = "Consumer attempt",
            tier = "bronze",
            description = "Should never be saved.",
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(await portal.Api("consumer").ListQuantaAsync("sales"), q => q.Slug == slug);
    }
}
