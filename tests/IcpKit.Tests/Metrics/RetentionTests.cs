using IcpKit.Metrics;
using IcpKit.Model;

namespace IcpKit.Tests.Metrics;

public class RetentionTests
{
    private static Account Customer(string id, DateOnly since, DateOnly? churned = null, decimal? mrr = null, string? industry = null) =>
        new() { AccountId = id, CustomerSince = since, ChurnedOn = churned, Mrr = mrr, Industry = industry };

    private static readonly DateOnly AsOf = new(2025, 12, 31);

    // Cohort 2025-01: 10 customers, 5 churn in their first month. Cohort 2025-02: 2 customers, none churn.
    private static Account[] TwoCohorts() =>
    [
        .. Enumerable.Range(0, 10).Select(i => Customer($"j{i}", new(2025, 1, 10), i < 5 ? new DateOnly(2025, 1, 20) : null)),
        .. Enumerable.Range(0, 2).Select(i => Customer($"f{i}", new(2025, 2, 10))),
    ];

    [Fact]
    public void Logo_TwoCohortsOfDifferentSize_AveragesWeightedByCohortSizeNotMeanOfMeans()
    {
        var matrix = Retention.Matrices(TwoCohorts(), AsOf, CohortPeriod.Month, null, RetentionMeasure.Logo)["all"];

        Assert.Equal(["2025-01", "2025-02"], matrix.Rows.Select(r => r.Cohort));
        Assert.Equal(0.5, matrix.Rows[0].RateAt(1), 12);
        Assert.Equal(1.0, matrix.Rows[1].RateAt(1), 12);
        // Pooled: (5 + 2) / (10 + 2) = 7/12; the mean of the two rates would be 0.75.
        Assert.Equal(7.0 / 12, matrix.Average[1], 12);
        Assert.NotEqual(0.75, matrix.Average[1], 6);
        Assert.Equal(12, matrix.AverageAccounts[1]);
    }

    [Fact]
    public void Logo_CohortNotYetFollowedThatLong_LeavesCellEmptyAndAverageUsesObservedCohortsOnly()
    {
        // Cohort 2025-11 (last day Nov 30) reaches offset 1 on Dec 30 <= as_of, not offset 2; 2025-12 (last day Dec 31 = as_of)
        // has offset 0 only.
        var accounts = new[]
        {
            Customer("old", new(2025, 1, 5), new(2025, 3, 1)),   // lost at offset 2 (Mar 5 > churn Mar 1)
            Customer("nov", new(2025, 11, 3)),
            Customer("dec", new(2025, 12, 2)),
        };
        var matrix = Retention.Matrices(accounts, AsOf, CohortPeriod.Month, null, RetentionMeasure.Logo)["all"];

        var nov = matrix.Rows.Single(r => r.Cohort == "2025-11");
        Assert.Equal(1.0, nov.RateAt(1));
        Assert.True(double.IsNaN(nov.RateAt(2)));
        var dec = matrix.Rows.Single(r => r.Cohort == "2025-12");
        Assert.Equal(1.0, dec.RateAt(0));
        Assert.True(double.IsNaN(dec.RateAt(1)));
        // Offset 2: only the January cohort is observed, and its one customer churned.
        Assert.Equal(0.0, matrix.Average[2]);
        Assert.Equal(1, matrix.AverageAccounts[2]);
    }

    [Fact]
    public void Logo_ChurnOnTheAnniversary_CountsAsLost()
    {
        var accounts = new[] { Customer("a", new(2025, 1, 15), new(2025, 2, 15)), Customer("b", new(2025, 1, 15), new(2025, 2, 16)) };
        var matrix = Retention.Matrices(accounts, AsOf, CohortPeriod.Month, null, RetentionMeasure.Logo)["all"];

        Assert.Equal(1.0, matrix.Average[0]);
        Assert.Equal(0.5, matrix.Average[1]); // a churned on its first anniversary, b the day after
        Assert.Equal(0.0, matrix.Average[2]);
    }

    [Fact]
    public void Revenue_ChurnOfTheBigAccount_WeighsByMrrAndLeavesOutAccountsWithoutMrr()
    {
        var accounts = new[]
        {
            Customer("big", new(2025, 1, 5), new(2025, 1, 20), mrr: 900),
            Customer("small", new(2025, 1, 6), mrr: 100),
            Customer("unknown", new(2025, 1, 7)),
        };
        var result = Retention.Matrices(accounts, AsOf, CohortPeriod.Month, null, RetentionMeasure.GrossRevenue);
        var matrix = result["all"];

        Assert.Equal(2, matrix.N);
        Assert.Equal(0.1, matrix.Average[1], 12); // 100 of 1000 MRR kept; logo retention would say 50%
        Assert.Contains("Net revenue retention", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Logo_Quarterly_StepsByThreeMonthsAndLabelsQuarters()
    {
        var accounts = new[] { Customer("a", new(2025, 2, 10), new(2025, 6, 1)), Customer("b", new(2025, 3, 1)) };
        var matrix = Retention.Matrices(accounts, AsOf, CohortPeriod.Quarter, null, RetentionMeasure.Logo)["all"];

        Assert.Equal("2025Q1", Assert.Single(matrix.Rows).Cohort);
        Assert.Equal(1.0, matrix.Average[1]); // a: anniversary May 10, churned June 1
        Assert.Equal(0.5, matrix.Average[2]); // a: Aug 10 > June 1
    }

    [Fact]
    public void Logo_BySegmentation_OneMatrixPerGroup()
    {
        var accounts = new[]
        {
            Customer("a", new(2025, 1, 5), new(2025, 1, 9), industry: "saas"),
            Customer("b", new(2025, 1, 5), industry: "retail"),
            Customer("c", new(2025, 1, 5)),
        };
        var by = Segmentation.Of("industry", a => a.Industry);
        var result = Retention.Matrices(accounts, AsOf, CohortPeriod.Month, by, RetentionMeasure.Logo);

        Assert.Equal([Segmentation.MissingGroup, "retail", "saas"], result.Groups.Select(g => g.Group));
        Assert.Equal(0.0, result["saas"].Average[1]);
        Assert.Equal(1.0, result["retail"].Average[1]);
        Assert.Equal(3, result.Summary.Rows.Count);
    }

    [Fact]
    public void Survival_ActiveCustomers_AreCensoredAtAsOfNotDropped()
    {
        var asOf = new DateOnly(2025, 7, 1);
        var accounts = new[]
        {
            Customer("a", new(2025, 1, 1), new(2025, 2, 1)),   // churned after 31 days
            Customer("b", new(2025, 1, 1)),                    // active: censored at 181 days
            Customer("c", new(2025, 1, 1)),
            Customer("d", new(2025, 1, 1)),
            new Account { AccountId = "prospect" },            // never a customer: not followed
        };
        var result = Retention.Survival(accounts, asOf);
        var curve = result["all"];

        Assert.Equal(4, curve.N);
        Assert.Equal(1, curve.Events);
        Assert.Equal(0.75, curve.SurvivalAt(91), 12);       // retention at 3 months
        Assert.Equal(0.75, result.AtHorizons("all")[1].Survival, 12);
        Assert.Null(result.Test);                           // one group: nothing to compare
    }

    [Fact]
    public void Survival_ChurnDateBeforeCustomerSince_CountsAsChurnAtDayZeroInsteadOfThrowing()
    {
        // The validator rejects such rows; records built in code can still carry them.
        var accounts = new[] { Customer("a", new(2025, 3, 1), new(2025, 2, 1)), Customer("b", new(2025, 3, 1)) };
        var curve = Retention.Survival(accounts, new DateOnly(2025, 6, 1))["all"];
        Assert.Equal(1, curve.Steps[0].NEvent);
        Assert.Equal(0, curve.Steps[0].Time);
    }
}
