package be.fiduciaire.tracker.common;

import java.util.List;

/** A page of a long list: {items, page, size, total}. */
public record PageResult<T>(List<T> items, int page, int size, long total) {}
