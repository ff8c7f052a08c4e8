using System.Globalization;
using System.Text;
using IcpKit.Loading.Events;

namespace IcpKit.Tests.Loading.Events;

/// <summary>A canonical text of everything an import returns, so two imports compare exactly and a difference reads well.</summary>
internal static class ImportFingerprint
{
    public static string Of(EventImportResult r)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"rows={r.RowsRead} accepted={r.Accepted} rejected={r.Rejected} warnings={r.Warnings}\n");
        foreach (var (rule, count) in r.IssueCountsByRule.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"count {rule}={count}\n");
        }

        foreach (var i in r.Issues)
        {
            sb.Append(CultureInfo.InvariantCulture, $"issue {i}\n");
        }

        foreach (var (id, u) in r.Usage.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"{id}: n={u.EventCount} first={u.FirstEventAt:O} last={u.LastEventAt:O} act={u.FirstActivationAt:O} hv={u.FirstHighValueAt:O} hvn={u.HighValueCount} days={u.ActiveDays} weeks={u.ActiveWeeks} users={u.DistinctUsers}");
            foreach (var (name, count) in u.EventCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                sb.Append(CultureInfo.InvariantCulture, $" {name}={count}");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
