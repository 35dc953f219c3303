package be.fiduciaire.tracker.portfolio;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import be.fiduciaire.tracker.client.ClientView;

/**
 * A page of the client list. {@code total} is exact when {@code totalExact}; otherwise more than
 * {@link ClientListService#EXACT_UP_TO} clients match and {@code total} is the database's estimate of how many
 * (ask again with {@code count=exact} for the exact figure).
 */
public record ClientPage(@Schema(required = true) List<ClientView> items, @Schema(required = true) int page,
                         @Schema(required = true) int size,
                         @Schema(required = true, description = "Matching clients: exact when totalExact, else an estimate") long total,
                         @Schema(required = true, description = "false: total is an estimate (more than 1000 match); count=exact counts them") boolean totalExact) {}
