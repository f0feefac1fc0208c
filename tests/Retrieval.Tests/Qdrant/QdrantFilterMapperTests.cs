using Meditron.Core.Retrieval;
using Meditron.Retrieval.Qdrant;
using Qdrant.Client.Grpc;

namespace Meditron.Retrieval.Tests.Qdrant;

public sealed class QdrantFilterMapperTests
{
    [Fact]
    public void Unrestricted_filter_has_no_conditions()
    {
        var filter = QdrantFilterMapper.ToFilter(new IndexFilter { CurrentOnly = false });

        Assert.Empty(filter.Must);
        Assert.Empty(filter.Should);
        Assert.Empty(filter.MustNot);
    }

    [Fact]
    public void Default_filter_keeps_only_current_editions()
    {
        var filter = QdrantFilterMapper.ToFilter(new IndexFilter());

        var condition = Assert.Single(filter.Must).Field;
        Assert.Equal("current", condition.Key);
        Assert.Equal(Match.MatchValueOneofCase.Boolean, condition.Match.MatchValueCase);
        Assert.True(condition.Match.Boolean);
    }

    [Fact]
    public void Guidance_only_rules_out_every_other_kind_so_that_points_without_a_kind_pass()
    {
        var filter = QdrantFilterMapper.ToFilter(new IndexFilter { CurrentOnly = false, GuidanceOnly = true });

        Assert.Empty(filter.Must);
        var condition = Assert.Single(filter.MustNot).Field;
        Assert.Equal("kind", condition.Key);
        Assert.Equal(Match.MatchValueOneofCase.Keywords, condition.Match.MatchValueCase);
        Assert.Equal(["contents", "index", "references", "form"], condition.Match.Keywords.Strings);
    }

    [Theory]
    [InlineData("publisher_folded")]
    [InlineData("document_language_folded")]
    [InlineData("guideline_folded")]
    [InlineData("document_id_folded")]
    public void Each_list_becomes_a_match_any_keyword_condition_on_the_lower_cased_key(string key)
    {
        IReadOnlyList<string> values = ["a", "B", "A"];
        var indexFilter = key switch
        {
            "publisher_folded" => new IndexFilter { CurrentOnly = false, Publishers = values },
            "document_language_folded" => new IndexFilter { CurrentOnly = false, Languages = values },
            "guideline_folded" => new IndexFilter { CurrentOnly = false, GuidelineKeys = values },
            _ => new IndexFilter { CurrentOnly = false, DocumentIds = values },
        };

        var condition = Assert.Single(QdrantFilterMapper.ToFilter(indexFilter).Must).Field;

        Assert.Equal(key, condition.Key);
        Assert.Equal(Match.MatchValueOneofCase.Keywords, condition.Match.MatchValueCase);
        Assert.Equal(["a", "b"], condition.Match.Keywords.Strings);
    }

    [Fact]
    public void Folded_keys_are_written_lower_cased_and_the_display_values_kept()
    {
        var source = QdrantTestData.Source() with { Publisher = "MSF", GuidelineKey = "WHO-Malaria", DocumentId = "WHO-Malaria-2025", Language = "FR" };

        var payload = QdrantPointMapper.Payload(source, QdrantTestData.Chunk(documentId: source.DocumentId) with { Language = "en" });

        Assert.Equal("msf", payload["publisher_folded"].StringValue);
        Assert.Equal("who-malaria", payload["guideline_folded"].StringValue);
        Assert.Equal("who-malaria-2025", payload["document_id_folded"].StringValue);
        Assert.Equal("fr", payload["document_language_folded"].StringValue);
        Assert.Equal("MSF", payload["publisher"].StringValue);
        Assert.Equal("WHO-Malaria-2025", payload["document_id"].StringValue);
        Assert.Equal("en", payload["language"].StringValue);
    }

    [Fact]
    public void Year_bounds_become_one_inclusive_range()
    {
        var condition = Assert.Single(QdrantFilterMapper.ToFilter(new IndexFilter { CurrentOnly = false, YearFrom = 2015, YearTo = 2020 }).Must).Field;

        Assert.Equal("year", condition.Key);
        Assert.True(condition.Range.HasGte);
        Assert.Equal(2015, condition.Range.Gte);
        Assert.True(condition.Range.HasLte);
        Assert.Equal(2020, condition.Range.Lte);
        Assert.False(condition.Range.HasGt);
        Assert.False(condition.Range.HasLt);
    }

    [Fact]
    public void One_year_bound_leaves_the_other_side_open()
    {
        var from = Assert.Single(QdrantFilterMapper.ToFilter(new IndexFilter { CurrentOnly = false, YearFrom = 2015 }).Must).Field.Range;
        var to = Assert.Single(QdrantFilterMapper.ToFilter(new IndexFilter { CurrentOnly = false, YearTo = 2020 }).Must).Field.Range;

        Assert.True(from.HasGte);
        Assert.False(from.HasLte);
        Assert.False(to.HasGte);
        Assert.True(to.HasLte);
    }

    [Fact]
    public void All_restrictions_together_are_all_required()
    {
        var filter = QdrantFilterMapper.ToFilter(new IndexFilter
        {
            Publishers = ["WHO"],
            Languages = ["en"],
            GuidelineKeys = ["who-malaria"],
            DocumentIds = ["d1"],
            YearFrom = 2000,
            CurrentOnly = true,
        });

        Assert.Equal(["publisher_folded", "document_language_folded", "guideline_folded", "document_id_folded", "year", "current"], filter.Must.Select(c => c.Field.Key));
        Assert.Empty(filter.Should);
    }

    [Fact]
    public void Document_filter_matches_the_document_id_keyword()
    {
        var condition = Assert.Single(QdrantFilterMapper.Document("d1").Must).Field;

        Assert.Equal("document_id", condition.Key);
        Assert.Equal("d1", condition.Match.Keyword);
    }

    [Fact]
    public void Leftover_filter_excludes_the_points_just_written()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        var filter = QdrantFilterMapper.DocumentExcept("d1", [a, b]);

        Assert.Equal("d1", Assert.Single(filter.Must).Field.Match.Keyword);
        var hasId = Assert.Single(filter.MustNot).HasId;
        Assert.Equal([a.ToString(), b.ToString()], hasId.HasId.Select(id => id.Uuid));
    }

    [Fact]
    public void Leftover_filter_of_an_empty_replace_is_the_whole_document()
    {
        var filter = QdrantFilterMapper.DocumentExcept("d1", []);

        Assert.Single(filter.Must);
        Assert.Empty(filter.MustNot);
    }

    [Fact]
    public void Other_editions_are_the_guideline_minus_the_current_document()
    {
        var filter = QdrantFilterMapper.OtherEditions("who-malaria", "d2025");

        Assert.Equal("guideline", Assert.Single(filter.Must).Field.Key);
        Assert.Equal("who-malaria", filter.Must[0].Field.Match.Keyword);
        Assert.Equal("document_id", Assert.Single(filter.MustNot).Field.Key);
        Assert.Equal("d2025", filter.MustNot[0].Field.Match.Keyword);
    }

    [Fact]
    public void Without_a_current_document_every_edition_is_other()
    {
        var filter = QdrantFilterMapper.OtherEditions("who-malaria", null);

        Assert.Single(filter.Must);
        Assert.Empty(filter.MustNot);
    }

    [Fact]
    public void Edition_filter_needs_both_document_and_guideline()
    {
        var filter = QdrantFilterMapper.Edition("who-malaria", "d2025");

        Assert.Equal(["document_id", "guideline"], filter.Must.Select(c => c.Field.Key));
    }
}
