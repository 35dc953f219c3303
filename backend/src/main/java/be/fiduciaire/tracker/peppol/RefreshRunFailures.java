package be.fiduciaire.tracker.peppol;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.common.ProblemException;
import be.fiduciaire.tracker.common.db.Db;
import be.fiduciaire.tracker.peppol.lookup.LookupError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The clients a refresh run could not conclude on: items that failed on every attempt (state FAILED) and look-ups
 * that ended LOOKUP_FAILED, each with why. They keep their last known state; the run page lists them.
 */
@ApplicationScoped
public class RefreshRunFailures {

    @Schema(name = "PeppolRefreshFailure")
    public record Failure(@Schema(required = true) UUID clientId,
                          @Schema(required = true) String name,
                          @Schema(nullable = true) String reference,
                          @Schema(nullable = true, description = "10 digits") String enterpriseNumber,
                          @Schema(nullable = true, description = "Why: the item's last error, or the look-up's, in English") String error,
                          @Schema(nullable = true, ref = LookupError.SCHEMA, description = "The stable code of error (null for a "
                                  + "failure recorded before codes existed)") String errorCode,
                          @Schema(nullable = true, description = "The params of errorCode") Map<String, Object> errorParams,
                          @Schema(nullable = true) OffsetDateTime at) {}

    @Inject
    Db db;

    @Inject
    ObjectMapper json;

    @Transactional
    public List<Failure> of(UUID runId, int limit) {
        if (!db.exists("select 1 from peppol_refresh_run where id = ?", runId)) {
            throw ProblemException.notFound("Refresh run " + runId);
        }
        return db.list("""
                select i.client_id, c.name, c.reference, c.enterprise_number,
                       case when i.error is not null then i.error else p.last_check_error end as error,
                       case when i.error is not null then i.error_code else p.last_check_error_code end as error_code,
                       case when i.error is not null then i.error_params else p.last_check_error_params end::text as error_params,
                       coalesce(i.done_at, p.checked_at) as at
                  from peppol_refresh_item i
                  join client c on c.id = i.client_id
                  left join peppol_registration p on p.client_id = i.client_id
                 where i.run_id = ? and (i.state = 'FAILED' or i.outcome = 'LOOKUP_FAILED')
                 order by c.name, c.id
                 limit ?""",
                r -> new Failure(r.uuid("client_id"), r.string("name"), r.string("reference"), r.string("enterprise_number"),
                        r.string("error"), r.string("error_code"), PeppolRegistrations.errorParams(json, r.string("error_params")),
                        r.timestamp("at")), runId, limit);
    }
}
