using Jifang.Rules.Packs;
using Jifang.Rules.Vocabulary;
using YamlDotNet.RepresentationModel;

namespace Jifang.Rules.Tests.Packs;

public sealed class VocabularyTests
{
    /// <summary>
    /// The contract only grows: every value of shared/contract/vocabulary.yaml and of vocabulary-national.yaml (the values the
    /// national regulation added, in a file of their own) is known to the product.
    /// </summary>
    [Theory]
    [InlineData("vocabulary.yaml")]
    [InlineData("vocabulary-national.yaml")]
    public void Product_vocabulary_contains_every_contract_value(string file)
    {
        var path = Path.Combine(Repo.Shared, "contract", file);
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var missing = new List<string>();
        foreach (var (key, value) in root.Children)
        {
            var list = ((YamlScalarNode)key).Value!;
            Assert.True(Vocab.ContractLists.ContainsKey(list), $"产品词表缺少列表 {list}");
            var codes = Vocab.ContractLists[list].ToHashSet(StringComparer.Ordinal);
            foreach (var code in ((YamlMappingNode)value).Children.Keys.Select(k => ((YamlScalarNode)k).Value!))
            {
                if (!codes.Contains(code))
                {
                    missing.Add($"{list}: {code}");
                }
            }
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void Site_categories_fit_in_the_bit_set()
    {
        Assert.True(Vocab.SiteCategories.Values.Count > 64, "the national regulation took the categories past 64: the set is 128 bits");
        Assert.True(Vocab.SiteCategories.Values.All(c => (int)c < 128));
        Assert.True(Vocab.Parts.Values.Count <= 31);
        var last = Vocab.SiteCategories.Values.MaxBy(c => (int)c);
        Assert.True(new Jifang.Rules.Facts.SiteFacts { Id = "S", Categories = CategoryBits.Of(last) }.Has(last));
        Assert.False(new Jifang.Rules.Facts.SiteFacts { Id = "S", Categories = CategoryBits.Of(last) }.Has(SiteCategory.Square));
    }

    [Theory]
    [InlineData("hotle", "hotel")]
    [InlineData("nursing-rom", "nursing-room")]
    [InlineData("Hotel", "hotel")]
    [InlineData("internetcafe", "internet-cafe")]
    [InlineData("spaceship", null)]
    public void Near_misses_suggest_the_closest_code(string input, string? expected) =>
        Assert.Equal(expected, Vocab.SiteCategories.Suggest(input) ?? Vocab.Zones.Suggest(input));

    [Theory]
    [InlineData(1, "一")]
    [InlineData(10, "十")]
    [InlineData(12, "十二")]
    [InlineData(20, "二十")]
    [InlineData(29, "二十九")]
    [InlineData(105, "一百零五")]
    [InlineData(110, "一百一十")]
    public void Chinese_numerals_round_trip(int n, string text)
    {
        Assert.Equal(text, ChineseNumerals.Format(n));
        Assert.True(ChineseNumerals.TryParse(text, out var back));
        Assert.Equal(n, back);
    }

    [Fact]
    public void Citations_are_written_as_statutes_write_them()
    {
        Assert.Equal("第九条第一款第（五）项", new Citation(9, 1, 5).ToChinese());
        Assert.Equal("第二十二条第一款", new Citation(22, 1, null).ToChinese());
        Assert.True(Citation.TryParse("9.2.3", out var c));
        Assert.Equal(new Citation(9, 2, 3), c);
        Assert.False(Citation.TryParse("9", out _));
        Assert.False(Citation.TryParse("9.0", out _));
        Assert.False(Citation.TryParse("a.b", out _));
    }
}
