using Meditron.Application.Answering;
using Meditron.Core.Feedback;
using Meditron.Core.Generation;

namespace Meditron.Application.Tests.Feedback;

/// <summary>How wrong_page ratings become regression cases, and when a new answer passes one.</summary>
public sealed class FeedbackCaseTests
{
    private static Citation Cited(int n, string documentId, string file, int page, int pageEnd = 0) => new()
    {
        N = n, DocumentId = documentId, Title = "T", Publisher = "WHO", Edition = "2024", File = file, Page = page, PageEnd = pageEnd, Section = "S", Quote = "Q",
    };

    private static CitedAnswer Answered(params Citation[] citations) => new() { Answer = "A [1].", Model = "extractive", Citations = citations };

    private static FeedbackEntry Rated(string requestId, string? question, IReadOnlyList<string> categories, params Citation[] citations) => new()
    {
        Id = FeedbackEntry.NewId(),
        RequestId = requestId,
        Helpful = false,
        Categories = categories,
        Question = question,
        Answer = Answered(citations),
        Engine = "extractive",
        Model = "extractive",
    };

    [Fact]
    public void Only_wrong_page_ratings_become_cases_one_per_request_with_their_pages_together()
    {
        var first = Rated("r1", "ORS dose?", [FeedbackCategories.WrongPage], Cited(1, "doc_a", "a.pdf", 12));
        var again = Rated("r1", "ORS dose?", [FeedbackCategories.Outdated, FeedbackCategories.WrongPage], Cited(1, "doc_a", "a.pdf", 12), Cited(2, "doc_b", "b.pdf", 3, 4));
        var outdated = Rated("r2", "Malaria in pregnancy?", [FeedbackCategories.Outdated], Cited(1, "doc_c", "c.pdf", 7));
        var helpful = Rated("r3", "Snake bite?", [], Cited(1, "doc_d", "d.pdf", 1)) with { Helpful = true };

        var (cases, skipped) = FeedbackCase.From([first, outdated, again, helpful]);

        var only = Assert.Single(cases);
        Assert.Equal(("r1", "ORS dose?"), (only.RequestId, only.Question));
        Assert.Equal([first.Id, again.Id], only.FeedbackIds);
        Assert.Equal([new FlaggedPage("doc_a", "a.pdf", 12, 12), new FlaggedPage("doc_b", "b.pdf", 3, 4)], only.Flagged);
        Assert.Equal(0, skipped);
    }

    [Fact]
    public void A_rating_without_a_question_or_citations_cannot_be_asked_again_and_is_skipped()
    {
        var noQuestion = Rated("r1", null, [FeedbackCategories.WrongPage], Cited(1, "doc_a", "a.pdf", 12));
        var blank = Rated("r2", "  ", [FeedbackCategories.WrongPage], Cited(1, "doc_a", "a.pdf", 12));
        var abstained = Rated("r3", "Titan landing?", [FeedbackCategories.WrongPage]);

        var (cases, skipped) = FeedbackCase.From([noQuestion, blank, abstained]);

        Assert.Empty(cases);
        Assert.Equal(3, skipped);
    }

    public static TheoryData<Citation, bool> NewCitations => new()
    {
        { Cited(1, "doc_a", "a.pdf", 12), true },          // the flagged page again
        { Cited(1, "doc_a", "a.pdf", 11, 12), true },      // a passage that runs onto it
        { Cited(1, "doc_a2", "a.pdf", 12), true },         // the same file, ingested again under another id
        { Cited(1, "doc_a", "a-2025.pdf", 12), true },     // the same document, its file renamed
        { Cited(1, "doc_b", "b.pdf", 3), true },           // inside a flagged span (3-4)
        { Cited(1, "doc_a", "a.pdf", 13), false },         // the next page
        { Cited(1, "doc_a", "a.pdf", 10, 11), false },     // a span that ends before it
        { Cited(1, "doc_x", "x.pdf", 12), false },         // page 12 of another guideline
    };

    [Theory]
    [MemberData(nameof(NewCitations))]
    public void A_case_is_still_wrong_when_the_new_answer_cites_a_flagged_page(Citation citation, bool stillWrong)
    {
        var regression = new FeedbackCase("r1", ["f1"], "ORS dose?", [new FlaggedPage("doc_a", "a.pdf", 12, 12), new FlaggedPage("doc_b", "b.pdf", 3, 4)]);

        Assert.Equal(stillWrong, regression.IsStillWrong(Answered(Cited(2, "doc_z", "z.pdf", 1), citation)));
    }

    [Fact]
    public void An_abstention_cites_no_flagged_page()
    {
        var regression = new FeedbackCase("r1", ["f1"], "ORS dose?", [new FlaggedPage("doc_a", "a.pdf", 12, 12)]);

        Assert.False(regression.IsStillWrong(new CitedAnswer { Answer = "The guidelines do not cover this.", Abstained = true, Reason = "no_evidence", Model = "extractive" }));
    }
}
