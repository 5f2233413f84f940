using System.Text.RegularExpressions;
using Jifang.Rules.Packs;

namespace Jifang.Rules.Tests.Packs;

/// <summary>The packs hold every article of the regulations verbatim.</summary>
public sealed partial class SeedTextTests
{
    [Theory]
    [InlineData("province-2012", "000_fd802fcdd4cee871.txt", 29)]
    [InlineData("nmg-2007", "004_d61d4c72e00e3217.txt", 26)]
    public void Pack_text_equals_the_seed_text_article_by_article(string packId, string seed, int articles)
    {
        var pack = PackLoader.LoadFile(Path.Combine(Repo.Packs, packId + ".yaml"));
        var seedPath = Path.Combine(Repo.Shared, "seeds", seed);
        Assert.True(File.Exists(seedPath), $"缺少原文 {seedPath}（../shared/seeds）");
        var seedArticles = SplitArticles(File.ReadAllText(seedPath));

        Assert.Equal(articles, seedArticles.Count);
        Assert.Equal(articles, pack.Articles.Count);
        for (var i = 0; i < articles; i++)
        {
            Assert.Equal(seedArticles[i], pack.Articles[i].Text);
        }
        Assert.EndsWith(pack.Source!.Replace("shared/seeds/", "", StringComparison.Ordinal), seedPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Items_and_paragraphs_are_split_where_the_text_numbers_them()
    {
        var nmg = PackLoader.LoadFile(Path.Combine(Repo.Packs, "nmg-2007.yaml"));
        Assert.Equal(12, nmg.Article(8)!.Paragraphs[0].Items.Count);
        Assert.Equal(2, nmg.Article(9)!.Paragraphs.Count);
        Assert.Equal(6, nmg.Article(9)!.Paragraphs[1].Items.Count);
        Assert.Equal(5, nmg.Article(13)!.Paragraphs.Count);
        Assert.Equal("哺乳室、公共浴室、更衣室、化妆间、卫生间；", nmg.Article(9)!.Paragraphs[1].Items[2]);
        var province = PackLoader.LoadFile(Path.Combine(Repo.Packs, "province-2012.yaml"));
        Assert.Equal(11, province.Article(9)!.Paragraphs[0].Items.Count);
        Assert.Equal(6, province.Article(26)!.Paragraphs[0].Items.Count);
        Assert.Equal(2, province.Article(24)!.Paragraphs.Count);
    }

    /// <summary>Splits the seed into articles: a line starting 第…条 begins one; other lines are its further paragraphs.</summary>
    private static List<string> SplitArticles(string text)
    {
        var articles = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }
            if (ArticleStart().IsMatch(line))
            {
                articles.Add(line);
            }
            else
            {
                articles[^1] += "\n" + line;
            }
        }
        return articles;
    }

    [GeneratedRegex("^第[一二三四五六七八九十百]+条\u3000")]
    private static partial Regex ArticleStart();
}
