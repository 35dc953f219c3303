package be.fiduciaire.tracker.peppol;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import be.fiduciaire.tracker.client.ClientRows;
import be.fiduciaire.tracker.common.Brussels;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.portfolio.ClientCountRepository;
import be.fiduciaire.tracker.portfolio.ClientStatsService.GroupCount;
import be.fiduciaire.tracker.common.ErrorCode;
import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.clientquery.FieldKind;
import be.fiduciaire.tracker.clientquery.Selector;
import be.fiduciaire.tracker.clientquery.Selectors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Peppol dashboard figures over active clients: by registration status, access point, software (both fields),
 * readiness, and a daily series of how many clients were in each status, walked back from today's registrations
 * through the day's net status moves. All from the counts the database maintains ({@link ClientCountRepository}), a
 * few hundred rows whatever the portfolio's size; a grouping whose field is not counted (its type changed) falls back
 * to one GROUPING SETS query over the clients.
 */
@ApplicationScoped
public class PeppolSummaryService {

    @Schema(name = "PeppolDay", description = "Clients in each registration status at the end of the day (from history)")
    public record Day(@Schema(required = true) LocalDate date, @Schema(required = true) Map<String, Long> counts) {}

    @Schema(name = "PeppolDashboardSummary")
    public record Summary(@Schema(required = true, description = "Active clients") long total,
                          @Schema(required = true, description = "By registration status; value null = never looked up") List<GroupCount> byStatus,
                          @Schema(required = true) List<GroupCount> byAccessPoint,
                          @Schema(required = true) List<GroupCount> bySoftwareReceive,
                          @Schema(required = true) List<GroupCount> bySoftwareSend,
                          @Schema(required = true, description = "By cf.peppol_ready (true / false / null)") List<GroupCount> byReadiness,
                          @Schema(required = true) List<Day> daily) {}

    @Inject
    Db db;
    @Inject
    Selectors selectors;
    @Inject
    ClientCountRepository counts;

    @Transactional
    public Summary summary(Integer days, String language) {
        int n = days == null ? 30 : days;
        if (n < 1 || n > 366) throw ProblemException.badRequest("days", ErrorCode.RANGE, "days must be between 1 and 366", "min", 1, "max", 366);
        List<Selector> dims = new ArrayList<>();
        for (String name : List.of("peppol.status", "peppol.accessPointName", "cf.peppol_software_receive", "cf.peppol_software_send", "cf.peppol_ready")) {
            dims.add(selectors.find(name).orElse(null));
        }
        List<List<GroupCount>> groups = dims.stream().allMatch(d -> d == null || counts.covers(d))
                ? counted(dims, language) : groups(dims, language);
        long total = groups.get(0).stream().mapToLong(GroupCount::count).sum();
        return new Summary(total, groups.get(0), groups.get(1), groups.get(2), groups.get(3), groups.get(4), daily(n));
    }

    /** The groupings of the active clients from the maintained counts, largest groups first. */
    private List<List<GroupCount>> counted(List<Selector> dims, String language) {
        List<List<GroupCount>> result = new ArrayList<>();
        for (Selector s : dims) {
            List<GroupCount> list = new ArrayList<>();
            if (s != null) {
                for (ClientCountRepository.Count c : counts.counts(s, true, Integer.MAX_VALUE)) list.add(group(s, c.value(), c.count(), language));
            }
            result.add(sorted(list));
        }
        return result;
    }

    private static GroupCount group(Selector s, String text, long n, String language) {
        Object value = text;
        String label = null;
        if (s.kind() == FieldKind.BOOLEAN && text != null) value = Boolean.valueOf(text);
        if (s.custom() && s.kind() == FieldKind.CODE && text != null) label = s.field().optionLabel(text, language);
        return new GroupCount(value, label, n);
    }

    private static List<GroupCount> sorted(List<GroupCount> list) {
        list.sort(java.util.Comparator.comparingLong(GroupCount::count).reversed()
                .thenComparing(g -> g.value() == null ? "\uffff" : g.value().toString()));
        return list;
    }

    /** All five groupings of the active clients in one pass (GROUPING SETS), largest groups first. */
    private List<List<GroupCount>> groups(List<Selector> dims, String language) {
        List<String> exprs = new ArrayList<>();
        for (Selector s : dims) exprs.add(s == null ? "null::text" : s.sql() + "::text");
        StringBuilder columns = new StringBuilder();
        StringBuilder sets = new StringBuilder();
        for (int i = 0; i < exprs.size(); i++) {
            columns.append(exprs.get(i)).append(" as d").append(i).append(", ");
            sets.append(i == 0 ? "" : ", ").append("(").append(i + 1).append(")");
        }
        String sql = "select " + columns + "grouping(" + String.join(", ", exprs) + ") as not_grouped, count(*) as n"
                + ClientRows.FROM + " where c.status = 'ACTIVE' group by grouping sets (" + sets + ") order by count(*) desc";
        List<List<GroupCount>> result = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) result.add(new ArrayList<>());
        int width = dims.size();
        db.list(sql, r -> {
            int notGrouped = r.intValue("not_grouped");
            // grouping() sets a bit for every expression left out of the row's set: the one clear bit is the dimension
            for (int i = 0; i < width; i++) {
                if ((notGrouped & (1 << (width - 1 - i))) != 0) continue;
                Selector s = dims.get(i);
                if (s != null) result.get(i).add(group(s, r.string("d" + i), r.longValue("n"), language));
            }
            return null;
        });
        for (List<GroupCount> list : result) sorted(list);
        return result;
    }

    /**
     * Clients per registration status at the end of each of the last {@code days} days: anchored on today's
     * registrations and walked back through the net status moves of each day of the window (peppol_status_day, one
     * row per day and status, kept from the PEPPOL history rows: each change moved one client from its old status to
     * its new one).
     */
    private List<Day> daily(int days) {
        LocalDate today = Brussels.today();
        LocalDate first = today.minusDays(days - 1L);
        Map<String, Long> running = new LinkedHashMap<>();
        for (PeppolStatus s : PeppolStatus.values()) running.put(s.name(), 0L);
        for (ClientCountRepository.Count c : counts.registrationsByStatus()) running.put(c.value(), c.count());
        TreeMap<LocalDate, Map<String, Long>> deltas = new TreeMap<>();
        for (ClientCountRepository.DayChange c : counts.statusChangesSince(first.plusDays(1))) {
            deltas.computeIfAbsent(c.day(), k -> new LinkedHashMap<>()).put(c.status(), c.change());
        }
        List<Day> result = new ArrayList<>();
        for (LocalDate d = today; !d.isBefore(first); d = d.minusDays(1)) {
            result.add(0, new Day(d, new LinkedHashMap<>(running)));
            Map<String, Long> changes = deltas.get(d);
            if (changes != null) changes.forEach((status, delta) -> running.merge(status, -delta, Long::sum));
        }
        return result;
    }
}
