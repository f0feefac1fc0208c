using Meditron.Retrieval.Evaluation;

namespace Meditron.Retrieval.Tests.Search;

public sealed class QuestionFoldTests
{
    private static readonly List<EvalQuestion> Questions =
        Enumerable.Range(1, 200).Select(i => new EvalQuestion { Id = $"q{i:000}", Question = $"question {i}" }).ToList();

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void The_folds_of_a_file_split_it_without_overlap_or_loss(int count)
    {
        var folds = Enumerable.Range(1, count).Select(k => new QuestionFold(k, count).Select(Questions)).ToList();

        Assert.Equal(Questions.Count, folds.Sum(f => f.Count));
        Assert.Equal(Questions.Count, folds.SelectMany(f => f).Select(q => q.Id).Distinct().Count());
        // A hash, not every other line: no fold is empty or holds most of the file.
        Assert.All(folds, f => Assert.InRange(f.Count, Questions.Count / count / 2, Questions.Count * 2 / count));
    }

    [Fact]
    public void A_question_keeps_its_fold_whatever_else_is_in_the_file()
    {
        var fold = new QuestionFold(1, 2);
        var alone = fold.Select([Questions[41]]);
        var amongOthers = fold.Select(Questions).Any(q => q.Id == Questions[41].Id);

        Assert.Equal(amongOthers, alone.Count == 1);
        Assert.Equal(fold.Select(Questions).Select(q => q.Id), fold.Select(Enumerable.Reverse(Questions).ToList()).Select(q => q.Id).Reverse());
    }

    [Theory]
    [InlineData("1/2", 1, 2)]
    [InlineData("3/5", 3, 5)]
    [InlineData("1/1", 1, 1)]
    public void A_fold_is_written_k_slash_n(string text, int number, int count)
    {
        Assert.Equal(new QuestionFold(number, count), QuestionFold.TryParse(text));
        Assert.Equal(text, QuestionFold.TryParse(text)!.ToString());
    }

    [Theory]
    [InlineData("0/2")]
    [InlineData("3/2")]
    [InlineData("1/0")]
    [InlineData("1/101")]
    [InlineData("half")]
    [InlineData("1/2/3")]
    [InlineData("-1/2")]
    public void Anything_else_is_not_a_fold(string text) => Assert.Null(QuestionFold.TryParse(text));
}
