using Bunit;
using MeshPortal.Web.Components.Pages.Catalog;
using MeshPortal.Web.Search.Indexing;
using Microsoft.EntityFrameworkCore;

namespace MeshPortal.Web.Tests.Components.Search;

/// <summary>The dictionary admin: platform admins start a rebuild and follow its progress live; others are told it is not theirs.</summary>
public sealed class RebuildPanelTests : SearchComponentTest
{
    [Fact]
    public async Task Rebuild_IsEnqueued_AndItsProgressFollowedFromTheDatabase()
    {
        SignInAs(Admin);
        var cut = Render<CatalogAdminPage>();
        cut.WaitForAssertion(() => Assert.Contains("No rebuild has run yet", cut.Find("[data-testid=rebuild-panel]").TextContent));
        var entries = await Lucene.CountAsync();
        Assert.Contains(entries.ToString(), cut.Find("[data-testid=index-entries]").TextContent);

        cut.Find("[data-testid=rebuild-dictionary]").Click();

        cut.WaitForAssertion(() => Assert.Equal("queued", cut.Find("[data-testid=rebuild-status]").GetAttribute("data-status")));
        Assert.Single(Jobs.Enqueued, j => j.Method.Name == nameof(DictionaryIndexer.RebuildAsync));
        Assert.True(cut.Find("[data-testid=rebuild-dictionary]").HasAttribute("disabled"));

        await using (var db = await Db.CreateDbContextAsync())
        {
            var rebuild = await db.DictionaryRebuilds.SingleAsync();
            Assert.Equal(Admin, rebuild.RequestedBy);
            (rebuild.Status, rebuild.StartedAt, rebuild.Expected, rebuild.Indexed) = ("running", DateTimeOffset.UtcNow, 200, 50);
            await db.SaveChangesAsync();
        }
        cut.WaitForAssertion(() => Assert.Contains("50 of about 200 entries indexed (25%)", cut.Find("[data-testid=rebuild-status]").TextContent));

        await using (var db = await Db.CreateDbContextAsync())
        {
            var rebuild = await db.DictionaryRebuilds.SingleAsync();
            (rebuild.Status, rebuild.FinishedAt, rebuild.Indexed, rebuild.Error) = ("failed", DateTimeOffset.UtcNow, 120, "disk full");
            await db.SaveChangesAsync();
        }
        cut.WaitForAssertion(() => Assert.Equal("disk full", cut.Find("[data-testid=rebuild-error]").TextContent.Trim()));
        Assert.False(cut.Find("[data-testid=rebuild-dictionary]").HasAttribute("disabled"));
    }

    [Fact]
    public void Others_AreToldItIsForPlatformAdmins()
    {
        SignInAs(Cdo);
        var cut = Render<CatalogAdminPage>();

        cut.WaitForAssertion(() => Assert.Contains("Platform admins only", cut.Find("[data-testid=empty-state]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=rebuild-dictionary]"));
    }
}
