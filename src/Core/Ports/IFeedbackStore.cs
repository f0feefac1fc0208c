using Meditron.Core.Feedback;

namespace Meditron.Core.Ports;

/// <summary>Clinicians' ratings of kept answers (the embedded store; PostgreSQL for the distributed shape).</summary>
public interface IFeedbackStore
{
    /// <summary>Keeps the entry (several per request are kept, none replaced) and returns it as stored.</summary>
    /// <remarks>A default <see cref="FeedbackEntry.CreatedAt"/> becomes the store's now.</remarks>
    Task<FeedbackEntry> AddAsync(FeedbackEntry entry, CancellationToken cancellationToken);

    /// <summary>The entry with this id; null when there is none.</summary>
    Task<FeedbackEntry?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>The matching entries, oldest first (by creation time, then id), one page of them.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The query's offset or limit is out of range.</exception>
    Task<IReadOnlyList<FeedbackEntry>> ListAsync(FeedbackQuery query, CancellationToken cancellationToken);

    /// <summary>How many entries match the query's filters (its offset and limit aside).</summary>
    Task<int> CountAsync(FeedbackQuery query, CancellationToken cancellationToken);
}
