using Meditron.Core.Documents;
using Meditron.Retrieval;

namespace Meditron.Retrieval.Tests.Search;

public sealed class GuidelineNamesTests
{
    // Titles and publishers as the shared corpus's manifest gives them: eight documents, four of them WHO's.
    private static readonly DocumentRecord[] Library =
    [
        Document("imci", "Handbook: IMCI - Integrated Management of Childhood Illness", "WHO"),
        Document("pocket", "Pocket book of hospital care for children, 2nd ed.", "WHO"),
        Document("malaria", "WHO guidelines for malaria - 13 August 2025 (MAGICapp PDF export)", "WHO (Global Malaria Programme)"),
        Document("eml", "WHO Model List of Essential Medicines - 23rd List (2023)", "WHO"),
        Document("solomon", "Standard Treatment Manual for Children, 4th edition", "Solomon Islands Ministry of Health and Medical Services"),
        Document("uganda", "Basic Paediatric Protocols (December 2014)", "Uganda Ministry of Health"),
        Document("icrc", "The impact of humanitarian aid on conflict development", "ICRC (International Review of the Red Cross)"),
        Document("idsr", "IDSR Technical Guidelines, 3rd ed. - Section 6: Respond to outbreaks", "WHO Regional Office for Africa (with US CDC)"),
    ];

    private static DocumentRecord Document(string id, string title, string publisher, bool current = true) => new()
    {
        DocumentId = id,
        File = id + ".pdf",
        Sha256 = new string('a', 64),
        ContentRef = "sha256/" + id,
        Metadata = new DocumentMetadata { Title = title, GuidelineKey = id, Edition = "1", Publisher = publisher },
        Status = DocumentStatus.Indexed,
        Current = current,
    };

    [Theory]
    [InlineData("How many vitamin A doses does IMCI give a child who has measles?", "imci")]
    [InlineData("Our Solomon Islands manual: what is the prednisolone dose for nephrotic syndrome?", "solomon")]
    [InlineData("Under our Uganda protocols, what vitamin does a premature baby need?", "uganda")]
    [InlineData("When does a rise in cases count as an outbreak under IDSR?", "idsr")]
    [InlineData("Which rectal artesunate strengths are on the Essential Medicines list?", "eml")]
    public void A_guideline_named_by_acronym_or_proper_name_is_found(string question, string expected)
    {
        Assert.Equal([expected], GuidelineNames.NamedIn(question, Library));
    }

    [Theory]
    [InlineData("What does WHO recommend for severe malaria in children?")] // WHO is on half the titles: it names none
    [InlineData("Which medicines are essential for a cholera treatment centre?")] // ordinary words, not written as a name
    [InlineData("Handbook advice on fever?")] // a capital that opens the sentence is not a name
    [InlineData("Treat the child with vitamin A (see the pocket book).")]
    [InlineData("Should the Ministry of Health carry out the burial?")] // two ministries publish: the words name neither
    public void Ordinary_words_shared_names_and_sentence_openings_name_nothing(string question)
    {
        Assert.Empty(GuidelineNames.NamedIn(question, Library));
    }

    [Fact]
    public void Remarks_in_brackets_are_not_part_of_a_name()
    {
        // "Red Cross" is only in the ICRC publisher's bracketed remark; "Malaria" only in the malaria guideline's.
        Assert.Empty(GuidelineNames.NamedIn("As Red Cross volunteers, what should be done in the house?", Library));
        Assert.Empty(GuidelineNames.NamedIn("Is the Global Malaria Programme still funding nets?", Library));
    }

    [Fact]
    public void Only_current_indexed_editions_are_named()
    {
        var library = Library.Append(Document("imci-old", "Handbook: IMCI - Integrated Management of Childhood Illness", "WHO", current: false)).ToArray();

        Assert.Equal(["imci"], GuidelineNames.NamedIn("What does IMCI say about fast breathing?", library));
    }
}
