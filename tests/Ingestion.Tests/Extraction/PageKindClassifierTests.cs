using Meditron.Core.Documents;
using Meditron.Ingestion.Extraction;

namespace Meditron.Ingestion.Tests.Extraction;

public sealed class PageKindClassifierTests
{
    private const string Instructions =
        "Record verbal or written information from health facilities or communities about suspected outbreaks. Record the steps taken and any response activities carried out.";

    [Fact]
    public void Every_block_of_a_contents_page_is_contents()
    {
        // The pocket book's contents: titles in one column, page numbers in another, a title turned heading.
        var blocks = Blocks(
            (Heading("Contents", "Contents"), ["Contents"]),
            (Paragraph("1.9.1 Snake bite 1.9.2 Scorpion sting 1.9.3 Other sources of envenoming 1.10 Trauma and injuries", "Contents"), ["1.9.1 Snake bite", "1.9.2 Scorpion sting", "1.9.3 Other sources of envenoming", "1.10 Trauma and injuries"]),
            (Paragraph("34 37 38 38", "Contents"), ["34", "37", "38", "38"]),
            (Heading("2. DIAGNOSTIC APPROACHES TO THE SICK CHILD", "2. DIAGNOSTIC APPROACHES TO THE SICK CHILD"), ["2. DIAGNOSTIC APPROACHES TO THE SICK CHILD"]));
        string[] rows = ["Contents", "1.9.1 Snake bite 34", "1.9.2 Scorpion sting 37", "1.9.3 Other sources of envenoming 38", "1.10 Trauma and injuries 38", "2. DIAGNOSTIC APPROACHES TO THE SICK CHILD 41"];

        var kinds = PageKindClassifier.Classify(blocks, rows).Select(b => b.ChunkKind);

        Assert.All(kinds, k => Assert.Equal(ChunkKind.Contents, k));
    }

    [Fact]
    public void On_a_form_page_the_instructions_stay_guidance_and_the_fields_are_form()
    {
        var blocks = Blocks(
            (Paragraph(Instructions, "Annex 4A"), ["Record verbal or written information from health facilities or communities about", "suspected outbreaks. Record the steps taken and any response activities carried out."]),
            (Paragraph("Case name______ Case number______ District______ Province______", "Annex 4A"), ["Case name______ Case number______", "District______ Province______"]),
            (Paragraph("Date of symptom onset______ Hospitalized______", "Annex 4A"), ["Date of symptom onset______", "Hospitalized______"]),
            (Paragraph("Signature:", "Annex 4A"), ["Signature:"]));
        string[] rows =
        [
            "Record verbal or written information from health facilities or communities about",
            "suspected outbreaks. Record the steps taken and any response activities carried out.",
            "Case name______ Case number______", "District______ Province______", "Date of symptom onset______", "Hospitalized______", "Signature:",
        ];

        var kinds = PageKindClassifier.Classify(blocks, rows).Select(b => b.ChunkKind).ToList();

        Assert.Equal([ChunkKind.Guidance, ChunkKind.Form, ChunkKind.Form, ChunkKind.Form], kinds);
    }

    [Fact]
    public void A_label_goes_with_the_paragraph_below_it()
    {
        const string Feeding =
            "Feeding bottles should not be used. They are often dirty, and germs easily grow in them, so the child gets diarrhoea.";
        var blocks = Blocks(
            (Paragraph("Use of feeding bottle", "Feeding"), ["Use of feeding bottle"]),
            (Paragraph(Feeding, "Feeding"), ["Feeding bottles should not be used. They are often dirty, and germs easily", "grow in them, so the child gets diarrhoea."]),
            (Paragraph("Name: ____ Age: ____ Weight: ____ Temperature: ____ Do you breastfeed? ____ How many times? ____", "Feeding"),
                ["Name: ____ Age: ____", "Weight: ____ Temperature: ____", "Do you breastfeed? ____", "How many times? ____"]));
        string[] rows =
        [
            "Use of feeding bottle", "Feeding bottles should not be used. They are often dirty, and germs easily", "grow in them, so the child gets diarrhoea.",
            "Name: ____ Age: ____", "Weight: ____ Temperature: ____", "Do you breastfeed? ____", "How many times? ____",
        ];

        var kinds = PageKindClassifier.Classify(blocks, rows).Select(b => b.ChunkKind).ToList();

        Assert.Equal([ChunkKind.Guidance, ChunkKind.Guidance, ChunkKind.Form], kinds);
    }

    [Fact]
    public void A_reference_list_under_its_heading_on_a_guidance_page_is_references()
    {
        const string Last =
            "Pyrethroid-PBO nets reduce malaria parasite prevalence in areas where mosquitoes resist pyrethroids, and their use is recommended.";
        string[] references =
        [
            "58. Pryce J, Richardson M, Lengeler C. Insecticide-treated nets for preventing malaria. Cochrane",
            "Database Syst Rev. 2018;11(11):CD000363.",
        ];
        var blocks = Blocks(
            (Paragraph(Last, "4.1 Vector control"), ["Pyrethroid-PBO nets reduce malaria parasite prevalence in areas where mosquitoes", "resist pyrethroids, and their use is recommended."]),
            (Heading("References", "4.1 Vector control > References"), ["References"]),
            (Paragraph(string.Join(' ', references), "4.1 Vector control > References"), references));
        var rows = blocks.SelectMany(b => b.Rows).ToList();

        var kinds = PageKindClassifier.Classify(blocks, rows).Select(b => b.ChunkKind).ToList();

        Assert.Equal(ChunkKind.Guidance, kinds[0]);
        Assert.Equal(ChunkKind.References, kinds[2]);
    }

    [Fact]
    public void A_guidance_page_with_a_dosing_table_stays_guidance()
    {
        string[] table = ["Weight | Amoxicillin 250 mg tablet", "3–<6 kg | 1/2", "6–<10 kg | 1", "10–<15 kg | 1 1/2", "15–<20 kg | 2"];
        var blocks = Blocks(
            (Paragraph("Give oral amoxicillin twice a day for 5 days. Check the dose against the child's weight in the table below.", "4.2 Pneumonia"),
                ["Give oral amoxicillin twice a day for 5 days. Check the dose against the child's weight in the table below."]),
            (new TextBlock(BlockKind.Table, string.Join('\n', table), "4.2 Pneumonia"), table));

        var kinds = PageKindClassifier.Classify(blocks, blocks.SelectMany(b => b.Rows).ToList()).Select(b => b.ChunkKind);

        Assert.All(kinds, k => Assert.Equal(ChunkKind.Guidance, k));
    }

    [Fact]
    public void A_chapter_list_of_sections_running_onto_a_guidance_page_is_contents()
    {
        // The pocket book's chapter 1 opener runs onto its first page: small tables, and titles whose page numbers
        // were read as a column of their own; then the chapter's first section.
        var blocks = Blocks(
            (Paragraph("TRIAGE", "Triage"), ["TRIAGE"]),
            (Table("1.7 Drowning | 33", "1.8 Electrocution | 34", "1.9 Common causes of envenoming | 34"), ["1.7 Drowning | 33", "1.8 Electrocution | 34", "1.9 Common causes of envenoming | 34"]),
            (Table("1.9.1 Snake bite | 34", "1.9.2 Scorpion sting | 37", "1.9.3 Other sources of envenoming | 38"), ["1.9.1 Snake bite | 34", "1.9.2 Scorpion sting | 37", "1.9.3 Other sources of envenoming | 38"]),
            (Heading("1.1 Triage", "Triage > 1.1 Triage"), ["1.1 Triage"]),
            (Paragraph(Screening, "Triage > 1.1 Triage"),
                ["Triage is the process of rapidly screening sick children soon after their arrival in", "hospital, in order to identify those with emergency signs, who require immediate", "emergency treatment; those with priority signs, who should be given priority while", "waiting in the queue so that they can be assessed and treated without delay; and", "non-urgent cases, who have neither emergency nor priority signs."]));

        var kinds = PageKindClassifier.Classify(blocks, blocks.SelectMany(b => b.Rows).ToList()).Select(b => b.ChunkKind).ToList();

        Assert.Equal([ChunkKind.Contents, ChunkKind.Contents, ChunkKind.Contents, ChunkKind.Guidance, ChunkKind.Guidance], kinds);
    }

    [Fact]
    public void A_dosing_table_between_paragraphs_is_not_contents()
    {
        string[] table = ["Age | Paracetamol tablet", "2 months up to 3 years | 1", "3 years up to 5 years | 2", "5 years up to 10 years | 3", "10 years and over | 4"];
        var blocks = Blocks(
            (Paragraph("Give paracetamol every 6 hours for high fever. Do not give more than four doses in one day.", "Fever"), ["Give paracetamol every 6 hours for high fever. Do not give more than four doses in one day."]),
            (Table(table), table));

        var kinds = PageKindClassifier.Classify(blocks, blocks.SelectMany(b => b.Rows).ToList()).Select(b => b.ChunkKind);

        Assert.All(kinds, k => Assert.Equal(ChunkKind.Guidance, k));
    }

    private const string Screening =
        "Triage is the process of rapidly screening sick children soon after their arrival in hospital, in order to identify those with emergency signs, who require immediate emergency treatment; those with priority signs, who should be given priority while waiting in the queue so that they can be assessed and treated without delay; and non-urgent cases, who have neither emergency nor priority signs.";

    private static TextBlock Table(params string[] rows) => new(BlockKind.Table, string.Join('\n', rows), "Triage");

    private static TextBlock Heading(string text, string section) => new(BlockKind.Heading, text, section, 1);

    private static TextBlock Paragraph(string text, string section) => new(BlockKind.Paragraph, text, section);

    private static List<PageBlock> Blocks(params (TextBlock Block, string[] Rows)[] blocks) =>
        blocks.Select(b => new PageBlock(b.Block, b.Rows)).ToList();
}
