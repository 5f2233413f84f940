using Jifang.Features.Demo;
using Jifang.Rules.Divisions;

namespace Jifang.Rules.Tests.Divisions;

/// <summary>packs/divisions: the names the platform shows for division codes, and the codes it refuses.</summary>
public sealed class DivisionSetTests
{
    private static readonly DivisionSet Set = DivisionSet.Load(Repo.Packs);

    [Fact]
    public void Inner_Mongolia_has_its_twelve_leagues_and_cities_and_their_103_county_level_divisions()
    {
        var nmg = Assert.Single(Set.Provinces, p => p.Code == "150000");
        Assert.Equal("内蒙古自治区", nmg.Name);
        var cities = Set.Children("150000");
        Assert.Equal(12, cities.Count);
        Assert.Contains(cities, c => c is { Code: "152900", Name: "阿拉善盟" });
        Assert.Equal(103, cities.Sum(c => Set.Children(c.Code).Count));
        Assert.All(cities.SelectMany(c => Set.Children(c.Code)), d => Assert.Equal(Division.County, d.Level));
    }

    [Fact]
    public void Names_are_written_from_the_province_down_and_prefixes_are_named()
    {
        Assert.Equal("新城区", Set.Name("150102"));
        Assert.Equal("内蒙古自治区呼和浩特市新城区", Set.FullName("150102"));
        Assert.Equal("呼和浩特市", Set.NameOfPrefix("1501"));
        Assert.Equal("内蒙古自治区", Set.NameOfPrefix("15"));
        Assert.Equal("示例省东城市中心区", Set.FullName("990101"));
        // A code the platform has no name for is shown as it is.
        Assert.Equal("110101", Set.Name("110101"));
        Assert.Equal("1501999", Set.NameOfPrefix("1501999"));
    }

    [Fact]
    public void A_code_of_a_known_province_must_be_one_of_its_counties()
    {
        Assert.Contains("不在内蒙古自治区的行政区划中", Set.Problem("150199"), StringComparison.Ordinal);
        Assert.Contains("不是县级行政区划", Set.Problem("150100"), StringComparison.Ordinal);
        Assert.Null(Set.Problem("150100", anyLevel: true));
        Assert.Null(Set.Problem("150102"));
        Assert.Null(Set.Problem("990221"));
        // A province without a file is not judged here (the pack decides whether a regulation applies there).
        Assert.Null(Set.Problem("110101"));
    }

    [Fact]
    public void Every_demo_division_is_known_by_the_same_name()
    {
        foreach (var j in DemoDivisions.All)
        {
            Assert.Equal(j.Name, Set.Name(j.Code));
            foreach (var city in j.Cities)
            {
                Assert.Equal(city.Name, Set.Name(city.Code));
                Assert.Equal(j.Code, Set.Find(city.Code)!.ParentCode);
                foreach (var county in city.Counties)
                {
                    Assert.Equal(j.FullName(county), Set.FullName(county.Code));
                }
            }
        }
    }

    [Fact]
    public void A_file_with_a_malformed_or_repeated_code_is_refused_naming_it()
    {
        var dir = Directory.CreateTempSubdirectory("jifang-divisions-");
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(dir.FullName, "divisions")).FullName;
            File.WriteAllText(Path.Combine(folder, "98.yaml"),
                "province: {code: \"980000\", name: 甲}\ncities:\n  - code: \"980100\"\n    name: 乙\n    counties:\n      - {code: \"980101\", name: 丙}\n      - {code: \"980101\", name: 丁}\n");
            var twice = Assert.Throws<InvalidDataException>(() => DivisionSet.Load(dir.FullName));
            Assert.Contains("980101", twice.Message, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, "98.yaml"),
                "province: {code: \"980000\", name: 甲}\ncities:\n  - code: \"970100\"\n    name: 乙\n");
            Assert.Contains("970100", Assert.Throws<InvalidDataException>(() => DivisionSet.Load(dir.FullName)).Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
