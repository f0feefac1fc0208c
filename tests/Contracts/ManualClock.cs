namespace Meditron.Tests.Contracts;

/// <summary>A clock the test moves by hand.</summary>
/// <remarks>
/// It starts on a whole second and moves by whole minutes, so every time it gives is a whole microsecond: PostgreSQL's
/// timestamptz keeps microseconds, SQLite's text timestamps keep ticks, and both give back exactly what was stored.
/// </remarks>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public ManualClock() : this(new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public DateTimeOffset Advance(TimeSpan by) => _now += by;

    public DateTimeOffset Advance() => Advance(TimeSpan.FromMinutes(1));
}
