using Meditron.Core.Documents;

namespace Meditron.Core.Ports;

/// <summary>
/// Per-source state of `meditron sync` (validators, last content hash, last check), by source string: the embedded
/// store now, PostgreSQL for the distributed shape.
/// </summary>
public interface ISyncSourceStore
{
    /// <summary>The state saved for this source (compared ordinally); null when it was never saved.</summary>
    Task<SyncSourceState?> GetAsync(string source, CancellationToken cancellationToken);

    /// <summary>Saves the state of <see cref="SyncSourceState.Source"/>, replacing every field of one saved before.</summary>
    Task SaveAsync(SyncSourceState state, CancellationToken cancellationToken);
}
