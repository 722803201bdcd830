using DuckDB.NET.Data;

namespace MeshPortal.DataPlane.Onboarding;

/// <summary>
/// The progress of one run as the caller sees it: the phase, the row counts, and a fraction of the whole run that only
/// moves forward. Within a phase the fraction comes from DuckDB's own query progress (<c>duckdb_query_progress</c>,
/// <see cref="DuckDBConnection.GetQueryProgress"/>), polled from a thread of its own while a statement runs: for a CSV load it is the
/// share of the file's bytes read, so a large file shows a moving bar. A source DuckDB does not read itself (a database
/// table copied through an appender) reports no percentage; the fraction then stays unknown until the next phase.
/// </summary>
internal sealed class RunProgress : IAsyncDisposable
{
    /// <summary>How often DuckDB's progress is read while a statement runs (a cheap call); tests make it shorter.</summary>
    internal static TimeSpan PollEvery { get; set; } = TimeSpan.FromMilliseconds(100);

    readonly IProgress<OnboardingProgress> _sink;
    readonly DuckDBConnection _connection;
    readonly Lock _gate = new();
    readonly ManualResetEventSlim _stop = new();
    readonly Thread _poller;
    OnboardingPhase _phase = OnboardingPhase.Queued;
    long _read, _valid, _quarantined;
    double? _fraction;
    long? _expectedRows;
    bool _readEstimated;
    (double From, double To) _step = (0, 1);
    bool _disposed;

    readonly double _bronzeShare;

    /// <param name="bronzeIsCopy">Whether bronze copies the source into a table (a large share of the run) or keeps a file
    /// whose one pass is silver's (bronze then takes next to nothing).</param>
    public RunProgress(IProgress<OnboardingProgress> sink, DuckDBConnection connection, bool bronzeIsCopy = true)
    {
        _sink = sink;
        _connection = connection;
        _bronzeShare = bronzeIsCopy ? 0.55 : 0.03;
        // A thread of its own rather than a timer: the thread pool may be busy (DuckDB statements block their threads).
        _poller = new Thread(() =>
        {
            while (!_stop.Wait(PollEvery)) Poll();
        }) { IsBackground = true, Name = "onboarding progress" };
        _poller.Start();
    }

    /// <summary>Where each phase sits in the whole run (the bronze load and the silver validation are most of it).</summary>
    (double From, double To) Range(OnboardingPhase phase) => phase switch
    {
        OnboardingPhase.Queued => (0, 0),
        OnboardingPhase.Bronze => (0, _bronzeShare),
        OnboardingPhase.Silver => (_bronzeShare, 0.93),
        OnboardingPhase.Gold => (0.93, 0.98),
        OnboardingPhase.Publishing => (0.98, 1),
        _ => (1, 1),
    };

    public void Enter(OnboardingPhase phase)
    {
        lock (_gate)
        {
            _phase = phase;
            _step = (0, 1);
            if (phase != OnboardingPhase.Bronze) Advance(Range(phase).From);
            Send();
        }
    }

    /// <summary>The part of the current phase the next statement covers, e.g. (0.1, 0.8) for the main pass of silver.</summary>
    public void Step(double from, double to)
    {
        lock (_gate)
        {
            var (start, end) = Range(_phase);
            if (_fraction is not null || _phase != OnboardingPhase.Bronze) Advance(start + (end - start) * from);
            _step = (from, to);
            Send();
        }
    }

    /// <summary>
    /// The rows the next statement is expected to read (null: no expectation). Until a count arrives through
    /// <see cref="Rows"/>, rows read then follow DuckDB's progress through the statement, reported as an estimate.
    /// </summary>
    public void ExpectRows(long? rows)
    {
        lock (_gate) _expectedRows = rows;
    }

    public void Rows(long? read = null, long? valid = null, long? quarantined = null)
    {
        lock (_gate)
        {
            if (read is not null) (_readEstimated, _expectedRows) = (false, null);
            _read = read ?? _read;
            _valid = valid ?? _valid;
            _quarantined = quarantined ?? _quarantined;
            Send();
        }
    }

    public void Done()
    {
        lock (_gate)
        {
            _phase = OnboardingPhase.Done;
            _fraction = 1;
            Send();
        }
    }

    void Poll()
    {
        lock (_gate)
        {
            if (_disposed || _phase is OnboardingPhase.Queued or OnboardingPhase.Done) return;
            double percentage;
            try
            {
                percentage = _connection.GetQueryProgress().Percentage;
            }
            catch (Exception)
            {
                return; // the connection is between statements or closing: nothing to report
            }
            if (percentage is < 0 or > 100 || double.IsNaN(percentage)) return;
            var (start, end) = Range(_phase);
            var (from, to) = _step;
            var moved = Advance(start + (end - start) * (from + (to - from) * percentage / 100));
            if (_expectedRows is { } expected && (long)(expected * percentage / 100) is var estimate && estimate > _read)
                (_read, _readEstimated, moved) = (estimate, true, true);
            if (moved) Send();
        }
    }

    bool Advance(double fraction)
    {
        if (_fraction is { } current && fraction <= current + 0.0005) return false;
        _fraction = Math.Min(1, fraction);
        return true;
    }

    void Send() => _sink.Report(new OnboardingProgress(_phase, _read, _valid, _quarantined, _fraction is { } f ? Math.Round(f, 4) : null, _readEstimated));

    public async ValueTask DisposeAsync()
    {
        lock (_gate) _disposed = true;
        _stop.Set();
        await Task.Run(_poller.Join);
        _stop.Dispose();
    }
}
