package be.fiduciaire.tracker.common;

/** Validated page parameters: page ≥ 0, 1 ≤ size ≤ 500. */
public record Paging(int page, int size) {
    public static final int MAX_SIZE = 500;

    public static Paging of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) throw ProblemException.badRequest("page", ErrorCode.RANGE, "page must be 0 or more", "min", 0);
        if (s < 1 || s > MAX_SIZE) throw ProblemException.badRequest("size", ErrorCode.RANGE, "size must be between 1 and " + MAX_SIZE, "min", 1, "max", MAX_SIZE);
        return new Paging(p, s);
    }

    public long offset() { return (long) page * size; }
}
