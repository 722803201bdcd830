using MeshPortal.Web.Components.Onboarding;

namespace MeshPortal.Web.Tests.Components.Onboarding;

/// <summary>The schedule editor's reading of a cron expression: valid or why not, in words, and its next time.</summary>
public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("0 2 * * *", "Every day at 02:00 UTC")]
    [InlineData("30 6 * * 1-5", "On weekdays at 06:30 UTC")]
    [InlineData("0 2,14 * * *", "Every day at 02:00 and 14:00 UTC")]
    [InlineData("*/15 * * * *", "Every 15 minutes (UTC)")]
    [InlineData("5 * * * *", "Every hour at 5 minutes past (UTC)")]
    [InlineData("0 */6 * * *", "Every 6 hours at 0 minutes past (UTC)")]
    [InlineData("0 3 * * 0", "On Sundays at 03:00 UTC")]
    [InlineData("0 3 1 * *", "On day 1 of the month at 03:00 UTC")]
    public void Describe_SaysTheCommonShapesInWords(string cron, string expected)
    {
        Assert.True(CronSchedule.TryParse(cron, out var schedule, out var error), error);
        Assert.Equal(expected, schedule!.Describe());
    }

    [Theory]
    [InlineData("0 2 * *", "five fields")]
    [InlineData("61 2 * * *", "minute")]
    [InlineData("0 24 * * *", "hour")]
    [InlineData("0 2 * 13 *", "month")]
    [InlineData("0 2 * * MONDAY", "day of week")]
    public void TryParse_NamesTheFieldThatIsWrong(string cron, string field)
    {
        Assert.False(CronSchedule.TryParse(cron, out _, out var error));
        Assert.Contains(field, error);
    }

    [Fact]
    public void Next_IsTheNextMatchingMinute_InUtc()
    {
        Assert.True(CronSchedule.TryParse("30 6 * * 1-5", out var schedule, out _));
        // Friday 2025-03-07 07:00 UTC → Monday 06:30.
        var next = schedule!.Next(new DateTimeOffset(2025, 3, 7, 7, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 6, 30, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void Next_OfADayThatNeverComes_IsNull()
    {
        Assert.True(CronSchedule.TryParse("0 0 31 2 *", out var schedule, out _));
        Assert.Null(schedule!.Next(DateTimeOffset.UtcNow));
    }

    [Theory]
    [InlineData("Orders 2024 (final).csv", "orders-2024-final")]
    [InlineData("///.csv", "upload")]
    public void UploadName_IsSuggestedFromTheFileName(string file, string expected) =>
        Assert.Equal(expected, UploadSourceDialog.SuggestName(file));
}
