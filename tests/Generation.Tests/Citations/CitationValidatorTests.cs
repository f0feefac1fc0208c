using Meditron.Core.Generation;
using Meditron.Generation.Citations;

namespace Meditron.Generation.Tests.Citations;

public class CitationValidatorTests
{
    private static readonly EvidencePassage[] Pack =
    [
        Evidence.Passage(1, "Pneumonia is common in children. Give oral amoxicillin 40 mg/kg twice daily for 5 days. Review after 3 days.", page: 71),
        Evidence.Passage(2, "Danger signs include convulsions and inability to drink. Refer urgently to hospital if any danger sign is present.", page: 72),
        Evidence.Passage(3, "Fièvre: donner du paracétamol 15 mg/kg toutes les 6 heures.", page: 90),
    ];

    [Fact]
    public void Cited_answer_is_kept_and_citations_carry_the_passage()
    {
        var answer = CitationValidator.Validate(
            "Give oral amoxicillin 40 mg/kg twice daily [1]. Refer urgently to hospital if any danger sign is present [2].", Pack, "test");

        Assert.False(answer.Abstained);
        Assert.Null(answer.Reason);
        Assert.Equal("Give oral amoxicillin 40 mg/kg twice daily [1]. Refer urgently to hospital if any danger sign is present [2].", answer.Answer);
        Assert.Equal(2, answer.Citations.Count);
        var c1 = answer.Citations[0];
        Assert.Equal(1, c1.N);
        Assert.Equal(71, c1.Page);
        Assert.Equal("67", c1.PageLabel);
        Assert.Equal("doc-1", c1.DocumentId);
        Assert.Equal("file1.pdf", c1.File);
        Assert.Equal("2013", c1.Edition);
        Assert.Equal("WHO", c1.Publisher);
        Assert.Equal("4.2 Pneumonia", c1.Section);
        Assert.Equal(Pack[0].Score, c1.Score);
        Assert.Equal("Give oral amoxicillin 40 mg/kg twice daily for 5 days.", c1.Quote);
        Assert.Equal("Refer urgently to hospital if any danger sign is present.", answer.Citations[1].Quote);
        Assert.All(answer.Citations, c => Assert.Contains(c.Quote, Pack.Single(p => p.DocumentId == c.DocumentId).Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Citations_are_renumbered_in_order_of_first_use()
    {
        var answer = CitationValidator.Validate(
            "Refer urgently if any danger sign is present [2]. Give oral amoxicillin twice daily [1][2].", Pack, "test");

        Assert.Equal("Refer urgently if any danger sign is present [1]. Give oral amoxicillin twice daily [2][1].", answer.Answer);
        Assert.Equal(new[] { 1, 2 }, answer.Citations.Select(c => c.N));
        Assert.Equal(new[] { "doc-2", "doc-1" }, answer.Citations.Select(c => c.DocumentId));
    }

    [Fact]
    public void Uncited_claims_are_dropped_and_invalid_markers_removed()
    {
        var answer = CitationValidator.Validate(
            "Treatment:\nGive oral amoxicillin twice daily [1]. The dose is 100 mg for every child. Also review after three days [9].", Pack, "test");

        Assert.False(answer.Abstained);
        Assert.Equal("Treatment: Give oral amoxicillin twice daily [1].", answer.Answer);
        Assert.Single(answer.Citations);
    }

    [Fact]
    public void Nothing_cited_abstains_as_unsupported()
    {
        var answer = CitationValidator.Validate("Give oral amoxicillin twice daily. It works well in children [7].", Pack, "test");

        Assert.True(answer.Abstained);
        Assert.Equal("unsupported", answer.Reason);
        Assert.Empty(answer.Citations);
        Assert.Equal("test", answer.Model);
    }

    [Theory]
    [InlineData("The guidelines do not cover this question.", "en")]
    [InlineData("This is not covered by the evidence provided.", "en")]
    [InlineData("There is no information about neonates in the passages.", "en")]
    [InlineData("Les recommandations ne couvrent pas cette question.", "fr")]
    [InlineData("Le document ne couvre pas la posologie.", "fr")]
    [InlineData("La guía no cubre esta pregunta.", "es")]
    [InlineData("Los pasajes no contienen información sobre esto.", "es")]
    public void Model_abstention_is_not_covered(string draft, string language)
    {
        var answer = CitationValidator.Validate(draft, Pack, "test", language);

        Assert.True(answer.Abstained);
        Assert.Equal("not_covered", answer.Reason);
        Assert.Empty(answer.Citations);
        Assert.Equal(AbstentionMessages.For("not_covered", language), answer.Answer);
    }

    [Fact]
    public void A_caveat_next_to_cited_claims_is_kept()
    {
        var answer = CitationValidator.Validate(
            "Give oral amoxicillin 40 mg/kg twice daily [1]. The guidelines do not cover dosing in neonates.", Pack, "test");

        Assert.False(answer.Abstained);
        Assert.EndsWith("The guidelines do not cover dosing in neonates.", answer.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_matching_ignores_case_and_accents()
    {
        var answer = CitationValidator.Validate("En cas de FIEVRE, donner du paracetamol toutes les 6 heures [3].", Pack, "test", "fr");

        var citation = Assert.Single(answer.Citations);
        Assert.Equal("Fièvre: donner du paracétamol 15 mg/kg toutes les 6 heures.", citation.Quote);
    }

    [Fact]
    public void Quote_is_the_best_supporting_sentence_and_an_exact_substring()
    {
        var passage = Evidence.Passage(1, "Malaria is a parasitic disease.\nArtemether-lumefantrine is given\ntwice daily for 3 days. Rest is advised.");
        var quote = CitationValidator.SelectQuote(passage.Text, ["Give artemether-lumefantrine twice daily for three days."]);

        Assert.Equal("Artemether-lumefantrine is given\ntwice daily for 3 days.", quote);
        Assert.Contains(quote, passage.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_claim_found_word_for_word_is_its_own_quote_not_a_neighbour_with_more_words_in_common()
    {
        // The passage's sentence runs on into a list mark whose item is elsewhere; the claim is quoted as the answer cut it.
        const string Text = "If no improvement, with suspected septic shock, repeat 20 ml/kg and consider adrenaline or dopamine.\n"
            + "If no improvement with signs of dehydration (as in profuse diarrhoea or cholera), repeat 20 ml/kg of Ringer's lactate\nor normal saline.\n(f)";
        const string Claim = "If no improvement with signs of dehydration (as in profuse diarrhoea or cholera), repeat 20 ml/kg of Ringer's lactate or normal saline.";

        var quote = CitationValidator.SelectQuote(Text, ["Repeat 20 ml/kg if there is no improvement.", Claim]);

        Assert.Equal("If no improvement with signs of dehydration (as in profuse diarrhoea or cholera), repeat 20 ml/kg of Ringer's lactate\nor normal saline.", quote);
        Assert.Contains(quote, Text, StringComparison.Ordinal);

        // Of two claims the passage holds, the one that carries more of what they say together (the dose, not the longer line).
        const string Pneumonia = "Fast breathing pneumonia: give oral amoxicillin 40 mg/kg twice daily for 3 days.\nChildren with chest indrawing without danger signs are treated with amoxicillin at home.";
        Assert.Equal("Fast breathing pneumonia: give oral amoxicillin 40 mg/kg twice daily for 3 days.",
            CitationValidator.SelectQuote(Pneumonia, ["Children with chest indrawing without danger signs are treated with amoxicillin at home.", "Fast breathing pneumonia: give oral amoxicillin 40 mg/kg twice daily for 3 days."]));
    }

    [Fact]
    public void A_quote_holds_its_claim_when_the_answer_took_the_passages_words_and_not_when_it_paraphrased()
    {
        EvidencePassage[] evidence = [Evidence.Passage(1, "Give oral amoxicillin 40 mg/kg twice daily\nfor 3 days. Review the child after 2 days.")];

        var extractive = CitationValidator.Validate("Give oral amoxicillin 40 mg/kg twice daily for 3 days [1].", evidence, "extractive");
        var paraphrase = CitationValidator.Validate("The child takes amoxicillin by mouth for three days [1].", evidence, "llm");

        Assert.Equal([Assert.Single(extractive.Citations).N], CitationValidator.QuotesHoldingClaim(extractive));
        Assert.Single(paraphrase.Citations);
        Assert.Empty(CitationValidator.QuotesHoldingClaim(paraphrase));
    }

    [Theory]
    [InlineData("Treatment:", false)]
    [InlineData("However, yes.", false)]
    [InlineData("# Dosing in children", false)]
    [InlineData("Give amoxicillin twice daily.", true)]
    public void Claims_are_sentences_of_four_words_that_are_not_headings(string sentence, bool expected)
        => Assert.Equal(expected, CitationValidator.IsClaim(sentence));

    [Fact]
    public void Items_of_a_list_cited_at_its_end_are_kept_with_their_lead_in()
    {
        EvidencePassage[] pack =
        [
            Evidence.Passage(1, "Snake bite first aid. Do not: cut the skin around the bite; tie anything tight around the limb; suck out the venom. It makes things worse!", page: 34),
        ];
        var draft = "Do not:\n- cut the skin around the bite\n- tie anything tight around the limb\n- suck out the venom\nIt makes things worse! [1]";

        var answer = CitationValidator.Validate(draft, pack, "test");

        Assert.False(answer.Abstained);
        Assert.Equal("Do not:\n- cut the skin around the bite\n- tie anything tight around the limb\n- suck out the venom\nIt makes things worse! [1]", answer.Answer);
        Assert.Single(answer.Citations);
    }

    [Fact]
    public void An_uncited_list_stays_uncited_and_its_claims_are_dropped()
    {
        var draft = "Give oral amoxicillin 40 mg/kg twice daily [1].\nAlso consider:\n- giving antibiotics to every contact\n- admitting every child with a cough";

        var answer = CitationValidator.Validate(draft, Pack, "test");

        Assert.Equal("Give oral amoxicillin 40 mg/kg twice daily [1].", answer.Answer);
    }

    [Fact]
    public void Sentences_after_a_lead_in_on_the_same_line_are_not_list_items()
    {
        var draft = "Treatment: children are often treated at home. Give oral amoxicillin 40 mg/kg twice daily [1].";

        var answer = CitationValidator.Validate(draft, Pack, "test");

        Assert.Equal("Give oral amoxicillin 40 mg/kg twice daily [1].", answer.Answer);
    }

    [Fact]
    public void A_cited_list_item_without_a_full_stop_ends_at_its_marker_so_the_next_lead_in_does_not_swallow_it()
    {
        EvidencePassage[] pack =
        [
            Evidence.Passage(1, "The essential features of initial feeding are:\n• frequent oral small feeds\n• liquid at 130 ml/kg per day"),
            Evidence.Passage(2, "Give:\n• Vitamin A on admission\n• Folic acid 2.5 mg on alternate days"),
        ];
        var draft = "The essential features of initial feeding are: • frequent oral small feeds • liquid at 130 ml/kg per day [1] "
            + "Give: • Vitamin A on admission • Folic acid 2.5 mg on alternate days [2]";

        var answer = CitationValidator.Validate(draft, pack, "test");

        Assert.Equal("The essential features of initial feeding are:\n- frequent oral small feeds\n- liquid at 130 ml/kg per day [1]\n"
            + "Give:\n- Vitamin A on admission\n- Folic acid 2.5 mg on alternate days [2]", answer.Answer);
    }
}
