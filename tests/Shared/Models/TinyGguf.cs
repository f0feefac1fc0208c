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

/// <summary>
/// Writes a tiny llama-architecture GGUF v3 file (2 blocks, 32-dim embeddings, byte-level SPM vocabulary,
/// seeded random F32 weights) that llama.cpp loads in milliseconds. Embedding dimension 0 carries a
/// constant that no layer writes to, so the output row of EOS can force or forbid EOS deterministically.
/// </summary>
/// <remarks>Shared by the Llama tests and the generation benchmark; it only writes bytes, so it needs no LLamaSharp.</remarks>
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
    public static string WriteTemp(TinyEos eos = TinyEos.Never, string? chatTemplate = null, int seed = 42)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tiny-llama-{eos}-{(chatTemplate is null ? "base" : "chat")}-{Guid.NewGuid():N}.gguf");
        Write(path, eos, chatTemplate, seed);
        return path;
    }

    public static void Write(string path, TinyEos eos = TinyEos.Never, string? chatTemplate = null, int seed = 42)
    {
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
        var tensors = new List<(string Name, long[] Dims, float[] Data)>();
        var embd = Rand(Embd * vocab, 0.1f);
        for (var t = 0; t < vocab; t++) embd[t * Embd] = 1f; // the constant channel
        tensors.Add(("token_embd.weight", [Embd, vocab], embd));
        tensors.Add(("output_norm.weight", [Embd], Ones(Embd)));
        var output = Rand(Embd * vocab, 0.5f);
        for (var t = 0; t < vocab; t++) output[t * Embd] = 0f;
        var eosRow = 2 * Embd;
        Array.Clear(output, eosRow, Embd);
        output[eosRow] = eos == TinyEos.Always ? 50f : -50f;
        tensors.Add(("output.weight", [Embd, vocab], output));
        for (var blk = 0; blk < Blocks; blk++)
        {
            var p = $"blk.{blk}.";
            tensors.Add((p + "attn_norm.weight", [Embd], Ones(Embd)));
            tensors.Add((p + "attn_q.weight", [Embd, Embd], Rand(Embd * Embd, 0.2f)));
            tensors.Add((p + "attn_k.weight", [Embd, Embd], Rand(Embd * Embd, 0.2f)));
            tensors.Add((p + "attn_v.weight", [Embd, Embd], Rand(Embd * Embd, 0.2f)));
            var attnOut = Rand(Embd * Embd, 0.2f);
            Array.Clear(attnOut, 0, Embd); // output row 0 stays zero: the constant channel is never written
            tensors.Add((p + "attn_output.weight", [Embd, Embd], attnOut));
            tensors.Add((p + "ffn_norm.weight", [Embd], Ones(Embd)));
            tensors.Add((p + "ffn_gate.weight", [Embd, Ff], Rand(Embd * Ff, 0.2f)));
            tensors.Add((p + "ffn_up.weight", [Embd, Ff], Rand(Embd * Ff, 0.2f)));
            var down = Rand(Ff * Embd, 0.2f);
            Array.Clear(down, 0, Ff);
            tensors.Add((p + "ffn_down.weight", [Ff, Embd], down));
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
        KvU32("llama.context_length", TrainContext);
        KvU32("llama.embedding_length", Embd);
        KvU32("llama.block_count", Blocks);
        KvU32("llama.feed_forward_length", Ff);
        KvU32("llama.attention.head_count", Heads);
        KvU32("llama.attention.head_count_kv", Heads);
        KvU32("llama.rope.dimension_count", Embd / Heads);
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
            offset = Align(offset + (ulong)data.Length * sizeof(float));
        }
        Pad(w);
        foreach (var (_, _, data) in tensors)
        {
            foreach (var f in data) w.Write(f);
            Pad(w);
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
