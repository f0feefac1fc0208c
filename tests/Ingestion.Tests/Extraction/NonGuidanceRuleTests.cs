using Meditron.Core.Documents;
using Meditron.Ingestion.Extraction;

namespace Meditron.Ingestion.Tests.Extraction;

/// <summary>
/// The row features and page decisions of the rules that tell guidance from contents, indexes, references and forms;
/// the rows are shapes found in the corpus (the WHO pocket book's contents and index, IDSR's reporting forms, the
/// reference lists of WHO guidelines).
/// </summary>
public sealed class NonGuidanceRuleTests
{
    [Theory]
    [InlineData("1.9.1 Snake bite | 34", "34")]
    [InlineData("1.9.1 Snake bite 34", "34")]
    [InlineData("EXECUTIVE SUMMARY ................................................................................. 5", "5")]
    [InlineData("Preface xv", "xv")]
    [InlineData("Overview | 7", "7")]
    [InlineData("Annex 2. Drug dosages and regimens 353", "353")]
    [InlineData("Table 2. Differential diagnosis in a child presenting with shock 22", "22")]
    [InlineData("1.1 Triage 2 5.1 Fever lasting 7 days or less 150", "150")]
    public void A_title_and_its_page_is_a_contents_entry(string row, string page)
    {
        Assert.True(ContentsRule.Instance.IsEntry(row));
        Assert.Equal(page, ContentsRule.PageOf(row));
    }

    [Theory]
    [InlineData("Give amoxicillin twice a day for five days.")]
    [InlineData("3–<6 kg | 1 ml")]
    [InlineData("1 | 2 | 3")]
    [InlineData("38")]
    [InlineData("")]
    [InlineData("Type II")]
    public void Rows_without_a_title_and_a_page_are_not_contents_entries(string row) =>
        Assert.False(ContentsRule.Instance.IsEntry(row));

    [Fact]
    public void A_page_of_entries_with_rising_page_numbers_is_contents_even_without_a_title()
    {
        var page = Page(
            "1.9.1 Snake bite | 34", "1.9.2 Scorpion sting | 37", "1.9.3 Other sources of envenoming | 38",
            "1.10 Trauma and injuries", "38", "1.10.1 Primary survey or initial assessment | 39",
            "2. DIAGNOSTIC APPROACHES TO THE SICK CHILD | 41", "2.1 Relationship to the IMCI approach | 42");

        Assert.True(ContentsRule.Instance.MatchesPage(page));
    }

    [Fact]
    public void The_arrangement_of_regulations_is_contents_and_a_regulation_s_text_is_not()
    {
        // Kenya Refugees (General) Regulations 2024: clauses listed without pages, continued on the next page untitled.
        var titled = Page(["ARRANGEMENT OF REGULATIONS"], "Regulation", "PART I—PRELIMINARY", "1—Citation",
            "PART II—RECEPTION OF REFUGEES AND ASYLUM SEEKERS", "2—Reception of asylum seekers", "3—Transit and reception centres");
        var continued = Page("22—Considerations for categories at risk", "23—Confidentiality", "24—Interpreters",
            "25—Withdrawal of asylum seekers pass", "PART IV—REFUGEE AND ASYLUM SEEKERS DOCUMENTS", "28—Asylum seeker identification document 29—Refugee identity card");
        var regulation = Page("9. (1) The Commissioner shall make a determination on an application for refugee status within ninety days.",
            "(2) A refugee officer may make such inquiries as may be necessary on any application.", "(3) The Commissioner shall put in place —",
            "(a) a fair and transparent system for the scheduling of interviews;", "(b) a mechanism to conduct interviews; and");

        Assert.True(ContentsRule.Instance.MatchesPage(titled));
        Assert.True(ContentsRule.Instance.MatchesPage(continued));
        Assert.True(ContentsRule.Instance.MatchesPage(GazettePage));
        Assert.False(ContentsRule.Instance.MatchesPage(regulation));
    }

    /// <summary>
    /// The first page of the same regulations as extracted: the gazette's title lines above the arrangement, in body
    /// type (no heading names it), and their years ("1st February, 2024", "THE REFUGEES ACT, 2021").
    /// </summary>
    private static readonly PageRows GazettePage = Page("SPECIAL ISSUE", "Kenya Gazette Supplement No. 25 1st February, 2024",
        "(Legislative Supplement No. 22)", "LEGAL NOTICE NO. 39", "THE REFUGEES ACT, 2021", "(No. 10 of 2021)",
        "THE REFUGEES (GENERAL) REGULATIONS, 2024", "ARRANGEMENT OF REGULATIONS", "Regulation", "PART I—PRELIMINARY", "1—Citation",
        "PART II—RECEPTION OF REFUGEES AND ASYLUM SEEKERS", "2—Reception of asylum seekers", "3—Transit and reception centres",
        "4—Registration of asylum seekers", "5—Onward Movers Assessment", "6—Asylum seeker pass",
        "7—Applications to be forwarded to status determination centres", "8—When asylum seeker shall not be registered",
        "PART III—APPLICATION FOR REFUGEE STATUS", "9—Application process", "10—Refugee status determination interview",
        "11—Interviews of children", "12—Statement by guardians", "13—Credible testimony");

    [Theory]
    [InlineData("THE REFUGEES ACT, 2021")]
    [InlineData("Kenya Gazette Supplement No. 25 1st February, 2024")]
    public void A_year_is_not_a_page_number(string row) => Assert.Null(ContentsRule.PageOf(row));

    [Fact]
    public void A_table_whose_last_column_is_a_number_is_not_contents()
    {
        // Numbers that do not rise page after page, and running text around them.
        var page = Page(
            "Give the first dose of the antibiotic before referral according to the table below.",
            "Cotrimoxazole adult tablet 2", "Cotrimoxazole paediatric tablet 8", "Amoxicillin tablet 1",
            "Amoxicillin syrup 10", "Paracetamol tablet 1", "Check the dose against the child's weight when it is known.");

        Assert.False(ContentsRule.Instance.MatchesPage(page));
    }

    [Fact]
    public void A_few_entries_under_a_contents_title_are_contents()
    {
        var page = Page(["Table of contents"], "Table of contents", "Overview | 7", "Key facts | 8", "Healthy diet for adults | 10");
        // The same rows on a page that a section path alone puts under "Contents" (a heading pages back, or misplaced).
        var underPath = new PageRows(page.Rows, ["Table of contents"], []);

        Assert.True(ContentsRule.Instance.MatchesPage(page));
        Assert.False(ContentsRule.Instance.MatchesPage(underPath));
        Assert.True(ContentsRule.Instance.IsTitle("Table des matières"));
        Assert.True(ContentsRule.Instance.IsTitle("Índice"));
        Assert.False(ContentsRule.Instance.IsTitle("Content of the pocket book"));
    }

    [Theory]
    [InlineData("Abscess 281, 290–292")]
    [InlineData("Malaria, cerebral 158")]
    [InlineData("Salbutamol 92, 97-8, 101, 369")]
    [InlineData("Borreliosis 156 Coma 2, 6, 18, 159")]
    [InlineData("amlodipine ......................................... 37, 38, 40")]
    public void A_term_and_its_pages_is_an_index_entry(string row) => Assert.True(IndexRule.Instance.IsEntry(row));

    [Theory]
    [InlineData("Give 2 tablets every 8 hours")]
    [InlineData("H7N9 virus 12")]
    [InlineData("dengue 189 4, 21 wounds 279 and more")]
    [InlineData("1.9.1 Snake bite 34")]
    public void Other_rows_are_not_index_entries(string row) => Assert.False(IndexRule.Instance.IsEntry(row));

    [Fact]
    public void A_page_of_alphabetical_terms_with_page_lists_is_an_index()
    {
        var page = Page(
            "Abscess 281, 290", "Acidosis 55, 120", "Adrenaline 108, 367", "Amoxicillin 70, 82, 360", "Anaemia 160, 218",
            "Antibiotics 56", "Apnoea 52, 61", "Appendicitis 282", "Arthritis 187");

        Assert.True(IndexRule.Instance.MatchesPage(page));
        Assert.False(IndexRule.Instance.MatchesPage(Page("Abscess 281, 290", "Acidosis 55, 120", "Give oxygen to every child with severe pneumonia.")));
    }

    [Theory]
    [InlineData("Murray CJ, Lauer JA, Hutubessy RC, Niessen L, Tomijima N, Rodgers A, et al. Effectiveness and costs")]
    [InlineData("Lancet. 2003 Mar 1;361(9359):717-25. doi: 10.1016/S0140-6736(03)12655-4.")]
    [InlineData("15. Investing to overcome the global impact of neglected tropical diseases. Geneva: World Health Organization 2015.")]
    [InlineData("http://www.who.int/maternal_child_adolescent/documents/en/")]
    [InlineData("200. Malaria diagnosis. Bulletin of the World Health Organization 1988;66(5):575-94 Pubmed")]
    public void Citation_marks_make_a_reference_row(string row) => Assert.True(ReferencesRule.Instance.IsEntry(row));

    [Theory]
    [InlineData("Give amoxicillin 40 mg/kg twice a day for 5 days.")]
    [InlineData("In 2013, WHO recommended artesunate for severe malaria in children.")]
    [InlineData("Refer the child to hospital (see section 4.2, p. 82).")]
    public void Guidance_rows_are_not_references(string row) => Assert.False(ReferencesRule.Instance.IsEntry(row));

    [Fact]
    public void A_reference_list_block_is_references_on_its_own_and_a_paragraph_that_cites_a_study_is_not()
    {
        string[] list =
        [
            "1. King CH, Sutherland LJ, Bertsch D. Systematic review and meta-analysis of the impact of chemical-based",
            "mollusciciding for control of Schistosoma mansoni. PLoS Negl Trop Dis. 2015;9(12):e0004290.",
            "2. Lo NC, Gurarie D, Yoon N, Coulibaly JT, Bendavid E, Andrews JR, et al. Impact and cost-effectiveness of",
            "snail control to achieve disease control targets. Proc Natl Acad Sci USA. 2018;115(4):E584-91.",
            "3. Yang GJ, Sun L-P, Wu F, Yang K. Molluscicidal efficacies of different formulations of niclosamide.",
        ];
        string[] paragraph =
        [
            "Evidence from the systematic review (Thwing et al unpublished evidence) and supporting information showed",
            "that the intervention reduced the incidence of clinical malaria in children under five years of age in",
            "areas of moderate to high transmission, with few adverse events reported in the included trials.",
        ];

        Assert.True(ReferencesRule.Instance.MatchesBlock(list, titled: false));
        Assert.False(ReferencesRule.Instance.MatchesBlock(paragraph, titled: false));
        Assert.True(ReferencesRule.Instance.IsTitle("10. References"));
        Assert.True(ReferencesRule.Instance.IsTitle("Bibliography"));
        Assert.True(ReferencesRule.Instance.IsTitle("Références"));
        Assert.False(ReferencesRule.Instance.IsTitle("Reference values for children"));
    }

    [Theory]
    [InlineData("Name: ______________________________________ Age: ________ Weight: ______ kg")]
    [InlineData("Date onset of index case (10)")]
    [InlineData("or Event (1) (newspaper, reported d, Ruled began (9) that was response taken and signature")]
    [InlineData("Signature:")]
    [InlineData("Name: Age: Sex:")]
    [InlineData("Applicant Postal Address .............................................")]
    [InlineData("☐ Fever ☐ Cough")]
    public void Fields_to_fill_in_are_form_rows(string row) => Assert.True(FormRule.Instance.IsEntry(row));

    [Theory]
    [InlineData("Emergency signs include:")]
    [InlineData("A. Injections are prepared using aseptic technique in a clean Yes No")]
    [InlineData("• 4–6 months: OR: 0.74 (95% CI: 0.62–0.89), • 9–12 months: OR: 0.72")]
    [InlineData("(1) A person who applies for refugee status shall be interviewed.")]
    [InlineData("under subsection (1) of section 5")]
    [InlineData("EXECUTIVE SUMMARY ................................................................................. 5")]
    public void Guidance_rows_are_not_form_rows(string row) => Assert.False(FormRule.Instance.IsEntry(row));

    [Fact]
    public void A_page_of_numbered_header_cells_is_a_form()
    {
        // A log's header: each cell a block, their lines interleaved in the rows.
        var cells = new[]
        {
            "Condition or Disease or Event (1)", "Number of cases initially reported (3)", "Location (health centre) (5)",
            "Date outbreak began (9)", "Date onset of index case (10)", "Date specific intervention began (13)",
        };
        var page = new PageRows(["Record verbal or written information from health facilities about suspected outbreaks."], [], cells);

        Assert.True(FormRule.Instance.MatchesPage(page));
        Assert.True(FormRule.IsNumberedCell("Date outbreak began (9)"));
        Assert.False(FormRule.IsNumberedCell("Patients with hypertension should be treated as described in the national guideline issued by the ministry of health for all districts (12)"));
    }

    private static PageRows Page(params string[] rows) => new(rows, [], []);

    /// <summary>A page that shows <paramref name="headings"/> (and so sits under them).</summary>
    private static PageRows Page(string[] headings, params string[] rows) => new(rows, headings, []) { Headings = headings };
}
