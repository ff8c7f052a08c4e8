using System.Globalization;
using IcpKit.Rendering;
using IcpKit.Statistics;
using Microsoft.Data.Analysis;

namespace IcpKit.PutToWork;

/// <summary>
/// The size of a campaign aimed at ICP accounts against non-ICP accounts: for a baseline rate (the non-ICP arm's),
/// a minimum detectable lift, alpha and power, how many accounts each arm needs; built with <see cref="PerArm"/>.
/// </summary>
/// <param name="BaselineRate">Rate expected in the non-ICP arm (e.g. its historical win rate).</param>
/// <param name="MinimumLift">Smallest relative lift worth detecting: 0.5 means the ICP arm's rate is 1.5 times the baseline.</param>
/// <param name="Power">The two-proportion power calculation behind it (R's power.prop.test).</param>
public sealed record ExperimentSize(double BaselineRate, double MinimumLift, ProportionPowerResult Power) : IHtmlRenderable, ITextRenderable
{
    /// <summary>Accounts (or deals) per arm, rounded up.</summary>
    public int PerArmCount => Power.NPerGroupRoundedUp;

    /// <summary>Both arms together.</summary>
    public int Total => 2 * PerArmCount;

    /// <summary>The rate the ICP arm must reach: baseline × (1 + lift).</summary>
    public double TargetRate => Power.P2;

    /// <summary>Sample size per arm to tell <c>baseline × (1 + lift)</c> from <c>baseline</c>.</summary>
    /// <remarks>
    /// Two-sided test of two proportions, as <c>power.prop.test(p1 = baseline, p2 = baseline * (1 + lift), sig.level = alpha, power = power)</c>.
    /// Example: baseline 0.20, lift 0.5 (to 0.30), alpha 0.05, power 0.8 gives n = 293.1, so 294 per arm.
    /// </remarks>
    /// <param name="baselineRate">Rate in the non-ICP arm, in (0, 1).</param>
    /// <param name="minimumLift">Relative lift, positive; the target rate must stay below 1.</param>
    /// <param name="alpha">Two-sided significance level.</param>
    /// <param name="power">Chance of detecting the lift when it is there.</param>
    public static ExperimentSize PerArm(double baselineRate, double minimumLift, double alpha = 0.05, double power = 0.8)
    {
        if (!(minimumLift > 0)) throw new ArgumentOutOfRangeException(nameof(minimumLift), minimumLift, "The minimum lift must be positive (0.5 = +50%).");
        var target = baselineRate * (1 + minimumLift);
        if (!(target < 1))
            throw new ArgumentOutOfRangeException(nameof(minimumLift), minimumLift,
                string.Create(CultureInfo.InvariantCulture, $"A lift of {minimumLift:0.##} on a baseline of {baselineRate:0.###} gives a rate of {target:0.###}, not below 1."));
        return new ExperimentSize(baselineRate, minimumLift, ProportionPower.SampleSize(baselineRate, target, alpha, power));
    }

    /// <summary>Sizes for several lifts at once, for a table of "how big a lift can we afford to look for".</summary>
    /// <remarks>
    /// Never throws on a lift the baseline cannot take: a relative lift that would push the rate to 100% or more (a lift
    /// of 1 on a 63% baseline) is listed under <see cref="ExperimentSizes.Unreachable"/> and named below the table, as is
    /// every lift when the baseline is 0 or 1.
    /// </remarks>
    public static ExperimentSizes ForLifts(double baselineRate, IEnumerable<double> lifts, double alpha = 0.05, double power = 0.8)
    {
        ArgumentNullException.ThrowIfNull(lifts);
        var all = lifts.ToList();
        bool Sizable(double l) => l > 0 && baselineRate > 0 && baselineRate * (1 + l) < 1;
        return new([.. all.Where(Sizable).Select(l => PerArm(baselineRate, l, alpha, power))], [.. all.Where(l => !Sizable(l))], baselineRate);
    }

    /// <summary>Sizes for the lifts over the win rate of the closed deals outside the ICP, or why there is no baseline.</summary>
    public static Analysis.Measured<ExperimentSizes> ForHistory(GradeHistory history, IEnumerable<double> lifts, double alpha = 0.05, double power = 0.8)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history.OutsideIcp is { } outside
            ? ForLifts(outside.Estimate, lifts, alpha, power)
            : new Analysis.NotMeasurable("no closed deals outside the ICP to take a baseline win rate from");
    }

    /// <summary>One row: baseline and target rates, minimum lift, alpha, power, the exact n per arm, per arm rounded up and both arms.</summary>
    public DataFrame Summary => Frame([this]);

    internal static DataFrame Frame(IReadOnlyList<ExperimentSize> sizes) => new(
        new DoubleDataFrameColumn("baseline_rate", sizes.Select(s => s.BaselineRate)),
        new DoubleDataFrameColumn("minimum_lift", sizes.Select(s => s.MinimumLift)),
        new DoubleDataFrameColumn("target_rate", sizes.Select(s => s.TargetRate)),
        new DoubleDataFrameColumn("alpha", sizes.Select(s => s.Power.Alpha)),
        new DoubleDataFrameColumn("power", sizes.Select(s => s.Power.Power)),
        new DoubleDataFrameColumn("n_per_arm_exact", sizes.Select(s => s.Power.NPerGroup)),
        new Int32DataFrameColumn("per_arm", sizes.Select(s => s.PerArmCount)),
        new Int32DataFrameColumn("both_arms", sizes.Select(s => s.Total)));

    internal static readonly string[] Headers = ["baseline rate", "minimum lift", "target rate", "alpha", "power", "n per arm (exact)", "per arm", "both arms"];

    internal IReadOnlyList<object?> Row() =>
        [Format.Percent(BaselineRate), string.Create(CultureInfo.InvariantCulture, $"+{MinimumLift * 100:0.#}%"), Format.Percent(TargetRate),
         Power.Alpha, Power.Power, Math.Round(Power.NPerGroup, 2), PerArmCount, Total];

    /// <inheritdoc/>
    public string ToHtml() => HtmlTable.Render(Headers, [Row()], "Sample size for an ICP vs non-ICP campaign (two-sided test of two proportions)");

    /// <inheritdoc/>
    public string ToText() => ToString();

    /// <summary>Reads like "baseline 20.0%, lift +50% (to 30.0%): 294 per arm, 588 in all (alpha 0.05, power 0.8, two-sided)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"baseline {Format.Percent(BaselineRate)}, lift +{MinimumLift * 100:0.#}% (to {Format.Percent(TargetRate)}): {PerArmCount} per arm, {Total} in all (alpha {Format.Number(Power.Alpha)}, power {Format.Number(Power.Power)}, two-sided)");
}

/// <summary>Sample sizes for several lifts, one row each; from <see cref="ExperimentSize.ForLifts"/>.</summary>
/// <param name="Sizes">One size per lift the baseline can take, in the order asked.</param>
/// <param name="Unreachable">Lifts that would take the rate to 100% or more (or any lift on a baseline of 0): not sized.</param>
/// <param name="BaselineRate">The baseline the lifts apply to.</param>
public sealed record ExperimentSizes(System.Collections.Immutable.ImmutableArray<ExperimentSize> Sizes,
    System.Collections.Immutable.ImmutableArray<double> Unreachable = default, double BaselineRate = double.NaN) : IHtmlRenderable, ITextRenderable
{
    private const string Caption = "Accounts per arm to detect each lift over the baseline (two-sided test of two proportions)";

    /// <summary>Why some lifts were not sized; null when all were.</summary>
    public string? Note => Unreachable.IsDefaultOrEmpty ? null : string.Create(CultureInfo.InvariantCulture,
        $"Not sized: {string.Join(", ", Unreachable.Select(l => string.Create(CultureInfo.InvariantCulture, $"+{l * 100:0.#}%")))} on a baseline of {Format.Percent(BaselineRate)}, which would need a rate of 100% or more (or the baseline is 0). Set smaller lifts in the lifts parameter.");

    /// <summary>One row per sized lift, as <see cref="ExperimentSize.Summary"/>; the unreachable lifts are in <see cref="Unreachable"/>.</summary>
    public DataFrame Summary => ExperimentSize.Frame(Sizes);

    /// <inheritdoc/>
    public string ToHtml() => (Sizes.IsEmpty ? "" : HtmlTable.Render(ExperimentSize.Headers, Sizes.Select(s => s.Row()), Caption))
        + (Note is { } n ? "<p>" + HtmlText.Escape(n) + "</p>" : "");

    /// <inheritdoc/>
    public string ToText() => (Sizes.IsEmpty ? "" : TextTable.Render(ExperimentSize.Headers, Sizes.Select(s => s.Row()), Caption))
        + (Note is { } n ? (Sizes.IsEmpty ? "" : "\n") + n : "");

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
