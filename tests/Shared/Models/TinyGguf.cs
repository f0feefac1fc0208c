using System.Runtime.InteropServices;
using System.Text;

namespace Meditron.Tests.Support.Models;

/// <summary>How the tiny model treats the end-of-sequence token.</summary>
internal enum TinyEos
{
    /// <summary>EOS gets a hugely negative logit: generation always runs to MaxTokens.</summary>
    Never,
    /// <summary>EOS gets a hugely positive logit: generation stops at the first sampled token.</summary>
    Always,
}

/// <summary>The size of the random-weight llama model <see cref="TinyGguf"/> writes.</summary>
/// <param name="Embd">Embedding length (residual stream width); a multiple of <paramref name="Heads"/>.</param>
/// <param name="Ff">Feed-forward length.</param>
/// <param name="Blocks">Transformer blocks (layers).</param>
/// <param name="Heads">Attention heads (as many KV heads).</param>
internal sealed record TinyGgufShape(int Embd, int Ff, int Blocks, int Heads)
{
    /// <summary>The tiny shape the tests use: 32-dim, 2 blocks, loads in milliseconds.</summary>
    public static TinyGgufShape Default { get; } = new(TinyGguf.Embd, TinyGguf.Ff, TinyGguf.Blocks, TinyGguf.Heads);

    /// <summary>The model's training context in tokens (llama.context_length), what an engine uses unless told otherwise.</summary>
    public int Context { get; init; } = TinyGguf.TrainContext;

    /// <summary>Vocabulary size: &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt; and the 256 byte tokens.</summary>
    public const int Vocab = 3 + 256;

    /// <summary>Parameter count (all weights, embeddings and norms included).</summary>
    public long Parameters =>
        2L * Embd * Vocab + Embd + Blocks * (2L * Embd + 4L * Embd * Embd + 3L * Embd * Ff);

    /// <summary>Throws on a shape llama.cpp cannot load.</summary>
    public void Validate()
    {
        if (Embd < 2 || Ff < 1 || Blocks < 1 || Heads < 1 || Context < 1)
            throw new ArgumentOutOfRangeException(nameof(Embd), $"{this}: every dimension must be positive (Embd at least 2)");
        if (Embd % Heads != 0 || Embd / Heads % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(Heads), $"{this}: Embd / Heads must be a whole, even head size");
    }
}

/// <summary>
/// Writes a small llama-architecture GGUF v3 file (by default 2 blocks, 32-dim embeddings; any
/// <see cref="TinyGgufShape"/>), byte-level SPM vocabulary, seeded random F32 weights, that llama.cpp loads
/// in milliseconds at the default shape. Embedding dimension 0 carries a constant that no layer writes to,
/// so the output row of EOS can force or forbid EOS deterministically.
/// </summary>
/// <remarks>
/// Shared by the Llama tests and the generation benchmark; it only writes bytes, so it needs no LLamaSharp.
/// Weight ranges scale with 1/sqrt(fan-in) relative to the default shape (whose weights are unchanged by
/// that rule), so activations, and the constant channel's lead over the other logits, stay of the same
/// order at larger shapes.
/// </remarks>
internal static class TinyGguf
{
    public const int Embd = 32;
    public const int Ff = 64;
    public const int Blocks = 2;
    public const int Heads = 4;
    public const int TrainContext = 2048; // byte-level vocabulary: the instructions alone are ~950 tokens

    /// <summary>A template llama.cpp recognises as ChatML.</summary>
    public const string ChatMlTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    private const uint TypeUint32 = 4, TypeInt32 = 5, TypeFloat32 = 6, TypeString = 8, TypeArray = 9;
    private const int Alignment = 32;

    /// <summary>Writes the model to a fresh temporary file and returns its path.</summary>
    public static string WriteTemp(TinyEos eos = TinyEos.Never, string? chatTemplate = null, int seed = 42, TinyGgufShape? shape = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tiny-llama-{eos}-{(chatTemplate is null ? "base" : "chat")}-{Guid.NewGuid():N}.gguf");
        Write(path, eos, chatTemplate, seed, shape);
        return path;
    }

    /// <summary>
    /// Writes the model to <paramref name="path"/>, streaming: one tensor's data is held at a time, so a
    /// shape of a few hundred MB needs only its largest tensor in memory.
    /// </summary>
    public static void Write(string path, TinyEos eos = TinyEos.Never, string? chatTemplate = null, int seed = 42, TinyGgufShape? shape = null)
    {
        shape ??= TinyGgufShape.Default;
        shape.Validate();
        var (embdLen, ffLen, blocks, heads) = (shape.Embd, shape.Ff, shape.Blocks, shape.Heads);
        // 1 at the default shape (its weights stay what the tests were written against), 1/sqrt(fan-in) beyond.
        var fromEmbd = (float)Math.Sqrt((double)Embd / embdLen);
        var fromFf = (float)Math.Sqrt((double)Ff / ffLen);
        var tokens = new List<string> { "<unk>", "<s>", "</s>" };
        var types = new List<int> { 2, 3, 3 };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add($"<0x{b:X2}>");
            types.Add(6);
        }
        var vocab = tokens.Count;

        var rng = new Random(seed);
        float[] Rand(int n, float scale)
        {
            var a = new float[n];
            for (var i = 0; i < n; i++) a[i] = (float)((rng.NextDouble() * 2 - 1) * scale);
            return a;
        }
        float[] Ones(int n) => Enumerable.Repeat(1f, n).ToArray();

        // Tensor data in ggml order: element (row r, column c) of a tensor with dims [ne0, ne1] is at r * ne0 + c.
        // Each tensor's data is made when it is written, in this order, so the random stream is the same as
        // when they were all made up front.
        var tensors = new List<(string Name, long[] Dims, Func<float[]> Data)>();
        tensors.Add(("token_embd.weight", [embdLen, vocab], () =>
        {
            var embd = Rand(embdLen * vocab, 0.1f);
            for (var t = 0; t < vocab; t++) embd[t * embdLen] = 1f; // the constant channel
            return embd;
        }));
        tensors.Add(("output_norm.weight", [embdLen], () => Ones(embdLen)));
        tensors.Add(("output.weight", [embdLen, vocab], () =>
        {
            var output = Rand(embdLen * vocab, 0.5f * fromEmbd);
            for (var t = 0; t < vocab; t++) output[t * embdLen] = 0f;
            var eosRow = 2 * embdLen;
            Array.Clear(output, eosRow, embdLen);
            output[eosRow] = eos == TinyEos.Always ? 50f : -50f;
            return output;
        }));
        for (var blk = 0; blk < blocks; blk++)
        {
            var p = $"blk.{blk}.";
            tensors.Add((p + "attn_norm.weight", [embdLen], () => Ones(embdLen)));
            tensors.Add((p + "attn_q.weight", [embdLen, embdLen], () => Rand(embdLen * embdLen, 0.2f * fromEmbd)));
            tensors.Add((p + "attn_k.weight", [embdLen, embdLen], () => Rand(embdLen * embdLen, 0.2f * fromEmbd)));
            tensors.Add((p + "attn_v.weight", [embdLen, embdLen], () => Rand(embdLen * embdLen, 0.2f * fromEmbd)));
            tensors.Add((p + "attn_output.weight", [embdLen, embdLen], () =>
            {
                var attnOut = Rand(embdLen * embdLen, 0.2f * fromEmbd);
                Array.Clear(attnOut, 0, embdLen); // output row 0 stays zero: the constant channel is never written
                return attnOut;
            }));
            tensors.Add((p + "ffn_norm.weight", [embdLen], () => Ones(embdLen)));
            tensors.Add((p + "ffn_gate.weight", [embdLen, ffLen], () => Rand(embdLen * ffLen, 0.2f * fromEmbd)));
            tensors.Add((p + "ffn_up.weight", [embdLen, ffLen], () => Rand(embdLen * ffLen, 0.2f * fromEmbd)));
            tensors.Add((p + "ffn_down.weight", [ffLen, embdLen], () =>
            {
                var down = Rand(ffLen * embdLen, 0.2f * fromFf);
                Array.Clear(down, 0, ffLen);
                return down;
            }));
        }

        using var stream = File.Create(path);
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        var kvs = new List<Action>();
        void Str(string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            w.Write((ulong)bytes.Length);
            w.Write(bytes);
        }
        void KvString(string k, string v) => kvs.Add(() => { Str(k); w.Write(TypeString); Str(v); });
        void KvU32(string k, uint v) => kvs.Add(() => { Str(k); w.Write(TypeUint32); w.Write(v); });
        void KvF32(string k, float v) => kvs.Add(() => { Str(k); w.Write(TypeFloat32); w.Write(v); });
        void KvArray<T>(string k, uint elemType, IReadOnlyList<T> items, Action<T> writeItem) => kvs.Add(() =>
        {
            Str(k);
            w.Write(TypeArray);
            w.Write(elemType);
            w.Write((ulong)items.Count);
            foreach (var item in items) writeItem(item);
        });

        KvString("general.architecture", "llama");
        KvString("general.name", "tiny-test-llama");
        KvU32("general.alignment", Alignment);
        KvU32("llama.context_length", (uint)shape.Context);
        KvU32("llama.embedding_length", (uint)embdLen);
        KvU32("llama.block_count", (uint)blocks);
        KvU32("llama.feed_forward_length", (uint)ffLen);
        KvU32("llama.attention.head_count", (uint)heads);
        KvU32("llama.attention.head_count_kv", (uint)heads);
        KvU32("llama.rope.dimension_count", (uint)(embdLen / heads));
        KvF32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        KvString("tokenizer.ggml.model", "llama");
        KvArray("tokenizer.ggml.tokens", TypeString, tokens, Str);
        KvArray("tokenizer.ggml.scores", TypeFloat32, tokens, _ => w.Write(0f));
        KvArray("tokenizer.ggml.token_type", TypeInt32, types, t => w.Write(t));
        KvU32("tokenizer.ggml.unknown_token_id", 0);
        KvU32("tokenizer.ggml.bos_token_id", 1);
        KvU32("tokenizer.ggml.eos_token_id", 2);
        if (chatTemplate is not null) KvString("tokenizer.chat_template", chatTemplate);

        w.Write(Encoding.ASCII.GetBytes("GGUF"));
        w.Write(3u);
        w.Write((ulong)tensors.Count);
        w.Write((ulong)kvs.Count);
        foreach (var kv in kvs) kv();

        ulong offset = 0;
        foreach (var (name, dims, data) in tensors)
        {
            Str(name);
            w.Write((uint)dims.Length);
            foreach (var d in dims) w.Write((ulong)d);
            w.Write(0u); // GGML_TYPE_F32
            w.Write(offset);
            offset = Align(offset + (ulong)dims.Aggregate(1L, (n, d) => n * d) * sizeof(float));
        }
        Pad(w);
        foreach (var (_, _, data) in tensors)
        {
            w.Flush();
            WriteFloats(stream, data());
            Pad(w);
        }
    }

    // Little-endian F32, as BinaryWriter.Write(float) writes each one, without a call per element.
    private static void WriteFloats(Stream stream, float[] data)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
            return;
        }
        var bytes = new byte[sizeof(float)];
        foreach (var f in data)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes, f);
            stream.Write(bytes);
        }
    }

    private static ulong Align(ulong x) => (x + Alignment - 1) / Alignment * Alignment;

    private static void Pad(BinaryWriter w)
    {
        w.Flush();
        var pos = (ulong)w.BaseStream.Position;
        for (var i = pos; i < Align(pos); i++) w.Write((byte)0);
    }
}
