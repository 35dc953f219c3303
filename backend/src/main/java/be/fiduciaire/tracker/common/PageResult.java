package be.fiduciaire.tracker.common;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a long list: {items, page, size, total}. */
public record PageResult<T>(@Schema(required = true) List<T> items, @Schema(required = true) int page,
                            @Schema(required = true) int size, @Schema(required = true) long total) {}
