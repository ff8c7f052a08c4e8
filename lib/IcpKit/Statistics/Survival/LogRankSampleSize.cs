using System.Globalization;
using MathNet.Numerics.Distributions;

namespace IcpKit.Statistics.Survival;

/// <summary>Formula for the number of events a log-rank comparison needs.</summary>
public enum LogRankPowerMethod
{
    /// <summary>Schoenfeld (1981, 1983): D = (z₁₋α/₂ + z₁₋β)² / (p (1 − p) log(HR)²), p = share in the treatment arm.
    /// The usual choice; assumes proportional hazards.</summary>
    Schoenfeld,
    /// <summary>Freedman (1982): D = ((k·HR + 1) / (HR − 1))² (z₁₋α/₂ + z₁₋β)² / k, k = n_treatment / n_control
    /// (powerSurvEpi::ssizeCT.default). A little more conservative than Schoenfeld.</summary>
    Freedman,
}

/// <summary>Events and subjects needed to detect a hazard ratio with a two-sided log-rank test.</summary>
/// <param name="Method">Formula used.</param>
/// <param name="HazardRatio">Hazard of the treatment (or segment) arm over the control arm.</param>
/// <param name="Alpha">Two-sided significance level.</param>
/// <param name="Power">Power.</param>
/// <param name="AllocationRatio">n_treatment / n_control.</param>
/// <param name="ProbEventControl">Probability a control subject has the event during follow-up.</param>
/// <param name="ProbEventTreatment">Same for the treatment arm.</param>
/// <param name="Events">Exact number of events from the formula (not rounded).</param>
public sealed record LogRankSampleSize(LogRankPowerMethod Method, double HazardRatio, double Alpha, double Power,
    double AllocationRatio, double ProbEventControl, double ProbEventTreatment, double Events)
{
    /// <summary>Events needed, rounded up.</summary>
    public int EventsRequired => (int)Math.Ceiling(Events - 1e-9);

    /// <summary>Control subjects: D / (k·pE + pC), rounded up.</summary>
    public int ControlSubjects => (int)Math.Ceiling(Events / (AllocationRatio * ProbEventTreatment + ProbEventControl) - 1e-9);

    /// <summary>Treatment subjects: k times the unrounded control number, rounded up.</summary>
    public int TreatmentSubjects => (int)Math.Ceiling(AllocationRatio * Events / (AllocationRatio * ProbEventTreatment + ProbEventControl) - 1e-9);

    /// <summary>Both arms.</summary>
    public int TotalSubjects => ControlSubjects + TreatmentSubjects;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Log-rank sample size ({Method}): HR = {SurvivalText.Num(HazardRatio)}, alpha = {SurvivalText.Num(Alpha)}, power = {SurvivalText.Num(Power)}, k = {SurvivalText.Num(AllocationRatio)}: {EventsRequired} events; {ControlSubjects} control + {TreatmentSubjects} treatment = {TotalSubjects} subjects (P(event) {SurvivalText.Num(ProbEventControl)} / {SurvivalText.Num(ProbEventTreatment)})");

    /// <summary>Power of a two-sided log-rank test that has seen <paramref name="events"/> events, to detect
    /// <paramref name="hazardRatio"/> (Schoenfeld's formula solved for power).</summary>
    /// <remarks>Power = Φ(√(D k/(1 + k)²) |log HR| − z₁₋α/₂). Example: 65.35 events, HR 0.5, alpha 0.05, equal arms: 0.80,
    /// the inverse of <see cref="Compute"/>'s 65.35 events for 80%.</remarks>
    /// <param name="events">Events seen, both arms.</param>
    /// <param name="hazardRatio">Hazard ratio to detect; positive and not 1.</param>
    /// <param name="alpha">Two-sided significance level.</param>
    /// <param name="allocationRatio">n_treatment / n_control.</param>
    public static double PowerAt(double events, double hazardRatio, double alpha = 0.05, double allocationRatio = 1)
    {
        if (!(hazardRatio > 0) || hazardRatio == 1 || !double.IsFinite(hazardRatio))
            throw new ArgumentOutOfRangeException(nameof(hazardRatio), hazardRatio, "hazard ratio must be positive and not 1.");
        if (!(events >= 0)) throw new ArgumentOutOfRangeException(nameof(events), events, "events cannot be negative.");
        double k = allocationRatio;
        return Normal.CDF(0, 1, Math.Sqrt(events * k / ((1 + k) * (1 + k))) * Math.Abs(Math.Log(hazardRatio)) - Normal.InvCDF(0, 1, 1 - alpha / 2));
    }

    /// <summary>Sample size for a log-rank comparison.</summary>
    /// <remarks>
    /// Example: HR = 0.5, alpha = 0.05, power = 0.8, equal arms, Schoenfeld: 65.35 events, so 66.
    /// The subjects follow from the event probabilities: when <paramref name="probEventTreatment"/> is not given it
    /// is 1 − (1 − pC)^HR, the proportional-hazards value.
    /// </remarks>
    /// <param name="hazardRatio">Hazard ratio to detect; positive and not 1.</param>
    /// <param name="probEventControl">Probability of the event in the control arm during follow-up, in (0, 1].</param>
    /// <param name="alpha">Two-sided significance level.</param>
    /// <param name="power">Desired power.</param>
    /// <param name="allocationRatio">n_treatment / n_control.</param>
    /// <param name="probEventTreatment">Probability of the event in the treatment arm, or null for the PH value.</param>
    /// <param name="method">Formula.</param>
    public static LogRankSampleSize Compute(double hazardRatio, double probEventControl, double alpha = 0.05, double power = 0.8,
        double allocationRatio = 1, double? probEventTreatment = null, LogRankPowerMethod method = LogRankPowerMethod.Schoenfeld)
    {
        if (!(hazardRatio > 0) || hazardRatio == 1 || !double.IsFinite(hazardRatio))
            throw new ArgumentOutOfRangeException(nameof(hazardRatio), hazardRatio, "hazard ratio must be positive and not 1.");
        if (!(probEventControl > 0 && probEventControl <= 1))
            throw new ArgumentOutOfRangeException(nameof(probEventControl), probEventControl, "probability must be in (0, 1].");
        if (!(alpha > 0 && alpha < 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1).");
        if (!(power > 0 && power < 1))
            throw new ArgumentOutOfRangeException(nameof(power), power, "power must be in (0, 1).");
        if (!(allocationRatio > 0) || !double.IsFinite(allocationRatio))
            throw new ArgumentOutOfRangeException(nameof(allocationRatio), allocationRatio, "allocation ratio must be positive.");
        double pE = probEventTreatment ?? Math.Min(1, 1 - Math.Pow(1 - probEventControl, hazardRatio));
        if (!(pE > 0 && pE <= 1))
            throw new ArgumentOutOfRangeException(nameof(probEventTreatment), pE, "probability must be in (0, 1].");

        double z = Normal.InvCDF(0, 1, 1 - alpha / 2) + Normal.InvCDF(0, 1, power);
        double k = allocationRatio;
        double events = method switch
        {
            LogRankPowerMethod.Schoenfeld => z * z / (k / (1 + k) * (1 / (1 + k)) * Math.Pow(Math.Log(hazardRatio), 2)),
            LogRankPowerMethod.Freedman => Math.Pow((k * hazardRatio + 1) / (hazardRatio - 1), 2) * z * z / k,
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown method."),
        };
        return new LogRankSampleSize(method, hazardRatio, alpha, power, k, probEventControl, pE, events);
    }
}
