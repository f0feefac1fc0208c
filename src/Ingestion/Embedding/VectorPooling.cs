namespace Meditron.Ingestion.Embedding;

/// <summary>One sentence vector from a text's token vectors, L2-normalised (so a dot product is a cosine).</summary>
internal static class VectorPooling
{
    /// <param name="tokens">The text's row of the output: one vector of <paramref name="dimension"/> per position, padding after <paramref name="length"/>.</param>
    public static float[] Pool(EmbeddingPooling pooling, ReadOnlySpan<float> tokens, int length, int dimension) => pooling switch
    {
        EmbeddingPooling.Cls => FirstNormalized(tokens, dimension),
        _ => MeanNormalized(tokens, length, dimension),
    };

    /// <summary>Mean of the first <paramref name="length"/> token vectors (the attention mask is a prefix), then L2-normalised.</summary>
    public static float[] MeanNormalized(ReadOnlySpan<float> tokens, int length, int dimension)
    {
        var vector = new float[dimension];
        for (var t = 0; t < length; t++)
        {
            var row = tokens.Slice(t * dimension, dimension);
            for (var d = 0; d < dimension; d++)
            {
                vector[d] += row[d];
            }
        }

        Normalize(vector, length);
        return vector;
    }

    /// <summary>The first token's vector ([CLS], &lt;s&gt;), L2-normalised.</summary>
    public static float[] FirstNormalized(ReadOnlySpan<float> tokens, int dimension)
    {
        var vector = tokens[..dimension].ToArray();
        Normalize(vector);
        return vector;
    }

    public static void Normalize(float[] vector, int divisor = 1)
    {
        var sum = 0.0;
        for (var d = 0; d < vector.Length; d++)
        {
            vector[d] /= divisor;
            sum += (double)vector[d] * vector[d];
        }

        var norm = (float)Math.Sqrt(sum);
        if (norm > 1e-12f)
        {
            for (var d = 0; d < vector.Length; d++)
            {
                vector[d] /= norm;
            }
        }
    }
}
