using MeshPortal.Domain.Quanta;
using static MeshPortal.Domain.Quanta.QuantumStatus;

namespace MeshPortal.Domain.Tests.Quanta;

public class LifecycleTests
{
    /// <summary>Every (from, to) pair with whether the move is allowed: the lifecycle written out in full.</summary>
    public static TheoryData<QuantumStatus, QuantumStatus, bool> EveryPair => new()
    {
        { Draft, Draft, true }, { Draft, Active, true }, { Draft, Deprecated, false }, { Draft, Retired, true },
        { Active, Draft, false }, { Active, Active, true }, { Active, Deprecated, true }, { Active, Retired, false },
        { Deprecated, Draft, false }, { Deprecated, Active, true }, { Deprecated, Deprecated, true }, { Deprecated, Retired, true },
        { Retired, Draft, false }, { Retired, Active, false }, { Retired, Deprecated, false }, { Retired, Retired, true },
    };

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void CanMove_FollowsTheLifecycle(QuantumStatus from, QuantumStatus to, bool allowed)
    {
        Assert.Equal(allowed, Lifecycle.CanMove(from, to));
        if (allowed) Assert.Null(Lifecycle.Validate(from, to));
        else Assert.NotNull(Lifecycle.Validate(from, to));
    }

    [Fact]
    public void EveryPair_CoversAllStatuses() =>
        Assert.Equal(Enum.GetValues<QuantumStatus>().Length * Enum.GetValues<QuantumStatus>().Length, EveryPair.Count());

    [Fact]
    public void NextStatuses_AreTheAllowedMovesOtherThanStaying()
    {
        foreach (var from in Enum.GetValues<QuantumStatus>())
        {
            var expected = Enum.GetValues<QuantumStatus>().Where(to => to != from && Lifecycle.CanMove(from, to));
            Assert.Equal(expected.Order(), Lifecycle.NextStatuses(from).Order());
        }
    }

    [Fact]
    public void Validate_FromRetired_SaysItIsFinal() =>
        Assert.Equal("A retired quantum cannot change status.", Lifecycle.Validate(Retired, Active));

    [Fact]
    public void Validate_DisallowedMove_NamesTheAllowedOnes() =>
        Assert.Equal("A draft quantum can move to active or retired, not deprecated.", Lifecycle.Validate(Draft, Deprecated));
}
