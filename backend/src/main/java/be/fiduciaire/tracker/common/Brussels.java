package be.fiduciaire.tracker.common;

import java.time.LocalDate;
import java.time.ZoneId;

/** The firm's time zone: dates (nightly runs, daily series, exports) are Belgian dates. */
public final class Brussels {
    /** The zone's name, for annotations ({@code @Scheduled(timeZone = ...)}) and SQL ({@code at time zone ?}). */
    public static final String ZONE_ID = "Europe/Brussels";
    public static final ZoneId ZONE = ZoneId.of(ZONE_ID);

    private Brussels() {}

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }
}
