using Meditron.Retrieval.Analysis;
using Microsoft.Data.Sqlite;

namespace Meditron.Retrieval.Embedded;

/// <summary>
/// Chunk counts of words from FTS5's own vocabulary (fts5vocab, one row per term with the number of chunks holding
/// it): a word is analysed as a query word is, and counts as often as its most frequent analysis (its English, French
/// or Spanish stem).
/// </summary>
internal static class ChunkWordCounts
{
    public static async Task<IReadOnlyDictionary<string, long>> CountAsync(SqliteConnection connection, IReadOnlyCollection<string> words, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (words.Count == 0)
        {
            return counts;
        }
        using (var create = connection.CreateCommand())
        {
            // A temporary table of this connection: it writes nothing to the store.
            create.CommandText = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunk_terms_vocab USING fts5vocab(main, chunk_terms, row);";
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM temp.chunk_terms_vocab WHERE term = $term;";
        var term = command.Parameters.Add("$term", SqliteType.Text);
        foreach (var word in words.Distinct(StringComparer.Ordinal))
        {
            var terms = Bm25Terms.QueryTerms(word);
            if (terms.Count == 0)
            {
                continue; // a stop word: it says nothing about the subject
            }
            long most = 0;
            foreach (var analysed in terms)
            {
                term.Value = analysed;
                var found = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                most = Math.Max(most, found is long n ? n : 0);
            }
            counts[word] = most;
        }
        return counts;
    }
}
