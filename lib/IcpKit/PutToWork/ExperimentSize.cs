using System.Globalization;
using IcpKit.Rendering;
using IcpKit.Statistics;

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
    public static ExperimentSizes ForLifts(double baselineRate, IEnumerable<double> lifts, double alpha = 0.05, double power = 0.8) =>
        new([.. lifts.Select(l => PerArm(baselineRate, l, alpha, power))]);

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
/// <param name="Sizes">One size per lift, in the order asked.</param>
public sealed record ExperimentSizes(System.Collections.Immutable.ImmutableArray<ExperimentSize> Sizes) : IHtmlRenderable, ITextRenderable
{
    private const string Caption = "Accounts per arm to detect each lift over the baseline (two-sided test of two proportions)";

    /// <inheritdoc/>
    public string ToHtml() => HtmlTable.Render(ExperimentSize.Headers, Sizes.Select(s => s.Row()), Caption);

    /// <inheritdoc/>
    public string ToText() => TextTable.Render(ExperimentSize.Headers, Sizes.Select(s => s.Row()), Caption);

    /// <inheritdoc/>
    public override string ToString() => ToText();
}
