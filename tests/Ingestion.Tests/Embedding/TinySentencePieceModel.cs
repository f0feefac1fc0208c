using Google.Protobuf;

namespace Meditron.Ingestion.Tests.Embedding;

/// <summary>
/// Writes a small SentencePiece Unigram model (a sentencepiece_model.proto ModelProto): &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;,
/// then whole-word pieces and single letters, so that any lower-case ASCII text has a segmentation.
/// </summary>
internal static class TinySentencePieceModel
{
    /// <summary>The words that get a piece of their own ("▁word"), besides the letters.</summary>
    public static readonly string[] Words =
    [
        "query", "passage", "give", "oral", "amoxicillin", "to", "children", "with", "pneumonia", "refer", "hospital",
        "how", "should", "be", "treated", "rehydration", "salts", "the", "fox",
    ];

    // sentencepiece_model.proto: ModelProto.pieces = 1, trainer_spec = 2, normalizer_spec = 3;
    // SentencePiece.piece = 1, score = 2, type = 3 (NORMAL 1, UNKNOWN 2, CONTROL 3);
    // TrainerSpec.model_type = 3 (UNIGRAM 1), vocab_size = 4, unk_id = 40, bos_id = 41, eos_id = 42;
    // NormalizerSpec.name = 1, add_dummy_prefix = 3, remove_extra_whitespaces = 4, escape_whitespaces = 5.
    private const int Normal = 1;
    private const int Unknown = 2;
    private const int Control = 3;
    private const int Unigram = 1;

    /// <summary>The pieces in id order, as the model file lists them.</summary>
    public static IReadOnlyList<string> Pieces { get; } =
    [
        "<unk>", "<s>", "</s>", ":", "▁",
        .. Words.Select(w => "▁" + w),
        .. Enumerable.Range('a', 26).Select(c => ((char)c).ToString()),
    ];

    public static void Write(string path)
    {
        using var file = File.Create(path);
        using var output = new CodedOutputStream(file);
        for (var id = 0; id < Pieces.Count; id++)
        {
            var piece = Pieces[id];
            var type = id == 0 ? Unknown : id <= 2 ? Control : Normal;
            // Whole words are likelier than spelling them out, so the Unigram model prefers them.
            var score = type != Normal ? 0f : piece.Length > 1 ? -1f : -5f;
            WriteMessage(output, 1, m =>
            {
                m.WriteTag(1, WireFormat.WireType.LengthDelimited);
                m.WriteString(piece);
                m.WriteTag(2, WireFormat.WireType.Fixed32);
                m.WriteFloat(score);
                m.WriteTag(3, WireFormat.WireType.Varint);
                m.WriteEnum(type);
            });
        }

        WriteMessage(output, 2, m =>
        {
            m.WriteTag(3, WireFormat.WireType.Varint);
            m.WriteEnum(Unigram);
            m.WriteTag(4, WireFormat.WireType.Varint);
            m.WriteInt32(Pieces.Count);
            m.WriteTag(40, WireFormat.WireType.Varint);
            m.WriteInt32(0);
            m.WriteTag(41, WireFormat.WireType.Varint);
            m.WriteInt32(1);
            m.WriteTag(42, WireFormat.WireType.Varint);
            m.WriteInt32(2);
        });
        WriteMessage(output, 3, m =>
        {
            m.WriteTag(1, WireFormat.WireType.LengthDelimited);
            m.WriteString("identity");
            m.WriteTag(3, WireFormat.WireType.Varint);
            m.WriteBool(true);
            m.WriteTag(4, WireFormat.WireType.Varint);
            m.WriteBool(true);
            m.WriteTag(5, WireFormat.WireType.Varint);
            m.WriteBool(true);
        });
        output.Flush();
    }

    public static int IdOf(string piece) => Pieces.ToList().IndexOf(piece);

    private static void WriteMessage(CodedOutputStream output, int field, Action<CodedOutputStream> body)
    {
        using var buffer = new MemoryStream();
        using (var inner = new CodedOutputStream(buffer, leaveOpen: true))
        {
            body(inner);
        }

        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(buffer.ToArray()));
    }
}
