package be.fiduciaire.peppol.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import be.fiduciaire.peppol.clientlist.ClientStatsService;
import be.fiduciaire.peppol.clientlist.ClientStatsService.GroupCount;
import be.fiduciaire.peppol.common.ProblemException;
import be.fiduciaire.peppol.filter.Selector;
import be.fiduciaire.peppol.filter.Selectors;
import be.fiduciaire.peppol.filter.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Peppol dashboard figures over active clients: by registration status, access point, software (both fields),
 * readiness, and a daily series of how many clients were in each status, rebuilt from the PEPPOL history rows
 * ({@code field = 'peppol.status'}; each change adds one to its new status and removes one from its old one).
 */
@ApplicationScoped
public class PeppolSummaryService {
    static final ZoneId ZONE = ZoneId.of("Europe/Brussels");
    public static final List<String> STATUSES = List.of("REGISTERED", "NOT_REGISTERED", "HERMES_ONLY", "NO_IDENTIFIER", "LOOKUP_FAILED");

    @Schema(name = "PeppolDay", description = "Clients in each registration status at the end of the day (from history)")
    public record Day(LocalDate date, Map<String, Long> counts) {}

    @Schema(name = "PeppolSummary")
    public record Summary(@Schema(description = "Active clients") long total,
                          @Schema(description = "By registration status; value null = never looked up") List<GroupCount> byStatus,
                          List<GroupCount> byAccessPoint, List<GroupCount> bySoftwareReceive, List<GroupCount> bySoftwareSend,
                          @Schema(description = "By cf.peppol_ready (true / false / null)") List<GroupCount> byReadiness,
                          List<Day> daily) {}

    @Inject
    DataSource dataSource;
    @Inject
    ClientStatsService stats;
    @Inject
    Selectors selectors;

    public Summary summary(Integer days, String language) {
        int n = days == null ? 30 : days;
        if (n < 1 || n > 366) throw ProblemException.badRequest("days", "days must be between 1 and 366");
        Sql active = Sql.of("c.status = 'ACTIVE'");
        List<GroupCount> byStatus = stats.group(selectors.find("peppol.status").orElseThrow(), active, language);
        long total = byStatus.stream().mapToLong(GroupCount::count).sum();
        return new Summary(total, byStatus,
                stats.group(selectors.find("peppol.accessPointName").orElseThrow(), active, language),
                group("cf.peppol_software_receive", active, language),
                group("cf.peppol_software_send", active, language),
                group("cf.peppol_ready", active, language),
                daily(n));
    }

    private List<GroupCount> group(String selector, Sql where, String language) {
        Selector s = selectors.find(selector).orElse(null);
        return s == null ? List.of() : stats.group(s, where, language);
    }

    private List<Day> daily(int days) {
        LocalDate today = LocalDate.now(ZONE);
        LocalDate first = today.minusDays(days - 1L);
        String sql = """
                with ev as (
                    select (h.at at time zone 'Europe/Brussels')::date as d, h.new_value #>> '{}' as s, 1 as delta
                      from client_history h where h.kind = 'PEPPOL' and h.field = 'peppol.status' and h.new_value is not null
                    union all
                    select (h.at at time zone 'Europe/Brussels')::date, h.old_value #>> '{}', -1
                      from client_history h where h.kind = 'PEPPOL' and h.field = 'peppol.status' and h.old_value is not null
                ), per_day as (
                    select d, s, sum(delta) as n from ev where s is not null group by d, s
                )
                select d, s, sum(n) over (partition by s order by d) from per_day order by d""";
        Map<String, Long> running = new LinkedHashMap<>();
        for (String s : STATUSES) running.put(s, 0L);
        TreeMap<LocalDate, Map<String, Long>> byDay = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                byDay.computeIfAbsent(rs.getObject(1, LocalDate.class), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Daily series query failed", e);
        }
        List<Day> result = new ArrayList<>();
        for (Map.Entry<LocalDate, Map<String, Long>> e : byDay.headMap(first).entrySet()) running.putAll(e.getValue());
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            Map<String, Long> changes = byDay.get(d);
            if (changes != null) running.putAll(changes);
            result.add(new Day(d, new LinkedHashMap<>(running)));
        }
        return result;
    }
}
