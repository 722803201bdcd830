using MeshPortal.DataPlane.Onboarding;

namespace MeshPortal.DataPlane.Tests.Support;

/// <summary>Records every progress report (reported on the engine's threads) and can act on one as it arrives.</summary>
public sealed class ProgressLog(Action<OnboardingProgress>? onReport = null) : IProgress<OnboardingProgress>
{
    readonly List<OnboardingProgress> _reports = [];

    public IReadOnlyList<OnboardingProgress> Reports
    {
        get { lock (_reports) return [.. _reports]; }
    }

    public IReadOnlyList<OnboardingPhase> Phases => Reports.Select(r => r.Phase).Distinct().ToList();

    public void Report(OnboardingProgress value)
    {
        lock (_reports) _reports.Add(value);
        onReport?.Invoke(value);
    }
}
