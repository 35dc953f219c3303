package be.fiduciaire.tracker.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import be.fiduciaire.tracker.common.Problem;
import be.fiduciaire.tracker.common.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may read {@code /q/metrics} (named in application.properties, {@code quarkus.http.auth.permission.metrics}):
 * a session or an API token with the {@code admin} permission, on the application's one port. Anyone else gets the
 * same problem+json 401 / 403 as the API. The health checks ({@code /q/health/*}) stay open for load balancers and
 * the scripts.
 *
 * <p>Why not the management port: it would be a second port for every instance (tests, the two-instance test,
 * compose, several helpers on one machine each need their own), and a port is not a credential — whoever reaches
 * it reads the metrics. Prometheus scrapes with a bearer token ({@code authorization: credentials_file}).
 */
@ApplicationScoped
public class MetricsAccess implements HttpSecurityPolicy {
    public static final String NAME = "metrics-admin";

    @Inject
    ObjectMapper json;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity, AuthorizationRequestContext context) {
        return identity.onItemOrFailure().transformToUni((caller, failure) -> {
            if (failure == null && caller != null && !caller.isAnonymous() && caller.hasRole(Permissions.ADMIN)) {
                return Uni.createFrom().item(CheckResult.PERMIT);
            }
            boolean signedIn = failure == null && caller != null && !caller.isAnonymous();
            answer(request, signedIn ? ProblemMappers.forbiddenProblem() : ProblemMappers.unauthorizedProblem());
            // The answer is written; failing the check stops the chain (Quarkus leaves an ended response alone).
            return Uni.createFrom().failure(new AuthenticationFailedException("metrics: " + (signedIn ? "not an admin" : "not signed in")));
        });
    }

    private void answer(RoutingContext request, Problem problem) {
        if (request.response().ended()) return;
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + problem.status() + "}";
        }
        request.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body);
    }
}
