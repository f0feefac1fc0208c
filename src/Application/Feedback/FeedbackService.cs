using System.Runtime.CompilerServices;
using Meditron.Core.Feedback;
using Meditron.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Meditron.Application.Feedback;

/// <summary>
/// Clinicians' ratings of kept answers: each is stored with the answer as the answer store kept it (never as a caller
/// says it was), so a review reads what the clinician read. Logs ids and counts, never the question or comment.
/// </summary>
public sealed partial class FeedbackService(IFeedbackStore store, IAnswerStore answers, ILogger<FeedbackService> logger)
{
    /// <summary>Stores the rating; null when no completed answer has the request id (unknown, pending or failed).</summary>
    /// <exception cref="ArgumentException">An unknown category, or a comment over <see cref="FeedbackEntry.MaxCommentCharacters"/>.</exception>
    public async Task<FeedbackEntry?> AddAsync(FeedbackSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentException.ThrowIfNullOrEmpty(submission.RequestId);
        if (submission.Categories.FirstOrDefault(c => !FeedbackCategories.IsKnown(c)) is { } unknown)
        {
            throw new ArgumentException($"Unknown category '{unknown}'; one of: {string.Join(", ", FeedbackCategories.All)}.", nameof(submission));
        }
        if (submission.Comment?.Length > FeedbackEntry.MaxCommentCharacters)
        {
            throw new ArgumentException($"A comment is at most {FeedbackEntry.MaxCommentCharacters} characters.", nameof(submission));
        }
        var answer = await answers.GetAsync(submission.RequestId, cancellationToken);
        if (answer is null)
        {
            return null;
        }
        var stored = await store.AddAsync(new FeedbackEntry
        {
            Id = FeedbackEntry.NewId(),
            RequestId = submission.RequestId,
            Helpful = submission.Helpful,
            Categories = FeedbackCategories.Normalize(submission.Categories),
            Comment = Blank(submission.Comment),
            Question = Blank(submission.Question),
            Answer = answer,
            Engine = FeedbackEntry.EngineOf(answer),
            Model = answer.Model,
            KeyName = submission.KeyName,
        }, cancellationToken);
        LogAdded(stored.Id, stored.RequestId, stored.Helpful, stored.Categories, stored.Comment?.Length ?? 0);
        return stored;
    }

    public Task<FeedbackEntry?> GetAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return store.GetAsync(id, cancellationToken);
    }

    /// <summary>One page of the matching entries, oldest first, with how many match in all.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The query's offset or limit is out of range.</exception>
    public async Task<FeedbackPage> ListAsync(FeedbackQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        var items = await store.ListAsync(query, cancellationToken);
        int total = await store.CountAsync(query, cancellationToken);
        return new FeedbackPage(items, total, query.Offset, query.Limit);
    }

    /// <summary>Every entry that matches the query's filters (its offset and limit aside), oldest first, read a page at a time.</summary>
    public async IAsyncEnumerable<FeedbackEntry> AllAsync(FeedbackQuery filters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filters);
        for (int offset = 0; ; offset += FeedbackQuery.MaxLimit)
        {
            var page = await store.ListAsync(filters with { Offset = offset, Limit = FeedbackQuery.MaxLimit }, cancellationToken);
            foreach (var entry in page)
            {
                yield return entry;
            }
            if (page.Count < FeedbackQuery.MaxLimit)
            {
                yield break;
            }
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    [LoggerMessage(EventId = 9100, Level = LogLevel.Information,
        Message = "Feedback {FeedbackId} on request {RequestId}: helpful={Helpful} categories={Categories} commentLength={CommentLength}")]
    private partial void LogAdded(string feedbackId, string requestId, bool helpful, IReadOnlyList<string> categories, int commentLength);
}
