using MeshPortal.DataPlane.Quality;

namespace MeshPortal.DataPlane.Tests.Quality;

public sealed class FreshnessCheckerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<Domain.Contracts.SlaProperty> Sla(string yaml) =>
        QualityDatabase.Contract("[]", "slaProperties:\n" + yaml).Sla;

    private static readonly string Official = """
          - property: latency
            value: 4
            unit: d
            element: tab1.txn_ref_dt
          - property: generalAvailability
            value: "2022-05-12T09:30:10-08:00"
          - property: retention
            value: 3
            unit: y
          - property: frequency
            value: 1
            valueExt: 1
            unit: d
          - property: timeOfAvailability
            value: 09:00-08:00
        """;

    [Fact]
    public void Fresh_when_the_last_load_is_within_every_limit_and_retention_is_listed_but_not_checked()
    {
        var result = FreshnessChecker.Check(Sla(Official), Now.AddHours(-20), Now);

        Assert.Equal(["latency@tab1.txn_ref_dt", "retention", "frequency"], result.Entries.Select(e => e.Key));
        Assert.Equal([FreshnessStatus.Fresh, FreshnessStatus.NotChecked, FreshnessStatus.Fresh], result.Entries.Select(e => e.Status));
        Assert.Equal((TimeSpan?)TimeSpan.FromDays(4), result.Entries[0].Limit);
        Assert.Equal((TimeSpan?)TimeSpan.FromHours(20), result.Entries[0].Age);
        Assert.Equal((TimeSpan?)TimeSpan.FromDays(3 * 365), result.Entries[1].Limit);
        Assert.True(result.IsFresh);
    }

    [Fact]
    public void Stale_when_older_than_a_limit_and_fresh_at_the_limit_exactly()
    {
        var atLimit = FreshnessChecker.Check(Sla(Official), Now.AddDays(-1), Now);
        var past = FreshnessChecker.Check(Sla(Official), Now.AddDays(-1).AddSeconds(-1), Now);

        Assert.True(atLimit.IsFresh);
        Assert.False(past.IsFresh);
        Assert.Equal([FreshnessStatus.Fresh, FreshnessStatus.NotChecked, FreshnessStatus.Stale], past.Entries.Select(e => e.Status));
        Assert.Equal("last successful load 1 d ago; frequency limit 1 d", past.Entries[2].Message);
    }

    [Fact]
    public void No_successful_load_yet_is_not_fresh()
    {
        var result = FreshnessChecker.Check(Sla(Official), null, Now);

        Assert.False(result.IsFresh);
        Assert.Equal(FreshnessStatus.NeverLoaded, result.Entries[0].Status);
        Assert.Null(result.Entries[0].Age);
    }

    [Theory]
    [InlineData("30", "m", 30 * 60)]
    [InlineData("30", "minutes", 30 * 60)]
    [InlineData("2", "h", 2 * 3600)]
    [InlineData("2", "hours", 2 * 3600)]
    [InlineData("1", "day", 86400)]
    [InlineData("2", "days", 2 * 86400)]
    [InlineData("1", "w", 7 * 86400)]
    [InlineData("1", "y", 365 * 86400)]
    [InlineData("1", "years", 365 * 86400)]
    [InlineData("\"1.5\"", "h", 5400)]
    public void Units_are_read_as_durations(string value, string unit, int seconds)
    {
        var result = FreshnessChecker.Check(Sla($"  - property: latency\n    value: {value}\n    unit: {unit}"), Now, Now);

        Assert.Equal((TimeSpan?)TimeSpan.FromSeconds(seconds), Assert.Single(result.Entries).Limit);
    }

    [Fact]
    public void The_older_freshness_name_is_checked_like_latency_and_bad_entries_are_invalid()
    {
        var result = FreshnessChecker.Check(Sla("""
              - property: freshness
                value: 2
                unit: h
              - property: latency
                value: 2
                unit: fortnights
              - property: frequency
                value: 1
            """), Now.AddHours(-3), Now);

        Assert.Equal([FreshnessStatus.Stale, FreshnessStatus.Invalid, FreshnessStatus.Invalid], result.Entries.Select(e => e.Status));
        Assert.Contains("unknown unit 'fortnights'", result.Entries[1].Message);
        Assert.Contains("no unit", result.Entries[2].Message);
        Assert.False(result.IsFresh);
    }

    [Fact]
    public void A_contract_without_a_freshness_limit_has_no_verdict()
    {
        var result = FreshnessChecker.Check(Sla("  - property: generalAvailability\n    value: \"2022-05-12\""), Now, Now);

        Assert.Empty(result.Entries);
        Assert.Null(result.IsFresh);
    }
}
