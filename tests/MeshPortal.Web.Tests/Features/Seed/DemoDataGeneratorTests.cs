using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeshPortal.Domain.Contracts;
using MeshPortal.Web.Features.Seed;
using MeshPortal.Web.Features.Seed.Data;

namespace MeshPortal.Web.Tests.Features.Seed;

public sealed class DemoDataGeneratorTests
{
    private static readonly DateOnly Anchor = new(2026, 11, 26);

    public static TheoryData<string> Patterns => new()
    {
        "^SO-[0-9]{8}$", "^C-[0-9]{8}$", @"^\+[1-9][0-9]{6,14}$", "^[A-Z]{2}$", "^[0-9]{4}-W[0-9]{2}$",
        "^(INV|CRN)-[0-9]{10}$", "^[0-9a-f]{64}$", "^CMP-[0-9]{4}-[0-9]{4}$", "^[A-Z][0-9]{2}-[0-9]{2}-[0-9]$", @"^a\.b?c*d+$",
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void PatternSampler_ProducesMatchingText(string pattern)
    {
        var random = new Random(1);
        for (var i = 0; i < 50; i++)
        {
            var sample = PatternSampler.Sample(pattern, random);
            Assert.NotNull(sample);
            Assert.Matches(new Regex(pattern), sample);
        }
    }

    [Theory]
    [InlineData("(?i)abc")]
    [InlineData("[^a]")]
    [InlineData(@"\p{L}+")]
    [InlineData("a{2")]
    public void PatternSampler_GivesUpOnWhatItCannotGenerate(string pattern) =>
        Assert.Null(PatternSampler.Sample(pattern, new Random(1)));

    public static TheoryData<string> StandaloneContracts => new(DemoContracts.Files
        .Where(f => !Read(f.File).ToJsonString().Contains(ParentReference.CustomProperty))
        .Select(f => f.File));

    [Theory]
    [MemberData(nameof(StandaloneContracts))]
    public void Generate_PlantsOneDefectOfEachApplicableKind_AndIsDeterministic(string file)
    {
        var contract = ContractNormalizer.Normalize(Read(file));
        foreach (var obj in contract.Objects)
        {
            var first = DemoDataGenerator.Generate(obj, 120, seed: 7, Anchor);
            var again = DemoDataGenerator.Generate(obj, 120, seed: 7, Anchor);
            Assert.Equal(first.Csv, again.Csv);

            var lines = first.Csv.TrimEnd('\n').Split('\n');
            Assert.Equal(121, lines.Length);
            Assert.StartsWith(obj.Properties.First(p => p.LogicalType is not ("object" or "array")).Name, lines[0]);
            Assert.InRange(first.Defects.Count, 1, 5);
            Assert.Equal(first.Defects.Count, first.Defects.Select(d => d.Row).Distinct().Count());
            if (obj.Properties.Any(p => p.PrimaryKey)) Assert.Contains(first.Defects, d => d.Kind == "duplicate key" && d.Row == 50);
        }
    }

    [Fact]
    public void Generate_SharedIdsJoinAcrossQuanta()
    {
        var customers = ContractNormalizer.Normalize(Read("customer-core-1.0.0.yaml")).Objects[0];
        var orders = ContractNormalizer.Normalize(Read("sales-orders-1.1.0.yaml")).Objects[0];
        var customerIds = Column(DemoDataGenerator.Generate(customers, DemoDataGenerator.SharedIdPool, 1, Anchor).Csv, "customer_id").ToHashSet();
        var orderCustomers = Column(DemoDataGenerator.Generate(orders, 500, 2, Anchor).Csv, "customer_id").Where(id => id.Length > 0).ToList();

        // Row 50 repeats row 5's key: the planted duplicate.
        Assert.Equal(DemoDataGenerator.SharedIdPool - 1, customerIds.Count);
        Assert.All(orderCustomers, id => Assert.Contains(id, customerIds));
    }

    private static IEnumerable<string> Column(string csv, string name)
    {
        var lines = csv.TrimEnd('\n').Split('\n');
        var index = Array.IndexOf(lines[0].Split(','), name);
        return lines.Skip(1).Select(l => l.Split(',')[index]);
    }

    private static JsonObject Read(string file)
    {
        using var stream = typeof(DemoContracts).Assembly.GetManifestResourceStream(DemoContracts.ResourcePrefix + file)!;
        return (JsonObject)YamlJson.Parse(new StreamReader(stream).ReadToEnd())!;
    }
}
