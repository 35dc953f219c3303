package be.fiduciaire.tracker.peppol.lookup;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Finds a participant's SMP through the SML with a U-NAPTR query ({@code Meta:SMP}), keeping "not registered"
 * (NXDOMAIN, or no matching record) apart from "look-up failed" (timeout, SERVFAIL, REFUSED ...).
 */
public final class SmlResolver {

    public sealed interface Result permits Found, NotFound, Failed {}

    public record Found(String smpUrl) implements Result {}

    public record NotFound(String reason) implements Result {}

    /** Whether a retry may help is the code's ({@link LookupError#transientFailure()}). */
    public record Failed(LookupFailure failure) implements Result {}

    /**
     * Whether the SML zone can be seen through the configured resolver (its apex answers with the zone's SOA).
     * When not, every NXDOMAIN of a run would be untrustworthy: a run should stop before looking anyone up.
     */
    public record SmlHealth(boolean reachable, String zone, LookupFailure failure) {
        /** The English text of why not (null when reachable). */
        public String error() {
            return failure == null ? null : failure.message();
        }
    }

    private final Resolver resolver;
    private final Duration timeout;
    private final String zone;
    private final Name zoneName;
    /** Owner of the SOA the zone apex answered with (the zone itself, or the zone enclosing it); null until seen. */
    private volatile Name apexSoaOwner;

    public SmlResolver(String zone, InetSocketAddress server, Duration timeout) {
        this.zone = zone;
        Resolver r;
        if (server != null) {
            r = new SimpleResolver(server);
        } else {
            List<Resolver> system = new ArrayList<>();
            for (InetSocketAddress address : ResolverConfig.getCurrentConfig().servers()) system.add(new SimpleResolver(address));
            r = system.size() == 1 ? system.get(0) : new ExtendedResolver(system.toArray(new Resolver[0]));
        }
        r.setTimeout(timeout);
        this.resolver = r;
        this.timeout = timeout;
        try {
            this.zoneName = Name.fromString(zone.endsWith(".") ? zone : zone + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS zone: " + zone, e);
        }
    }

    /** One SOA query for the zone apex. */
    public SmlHealth checkZone() {
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(zoneName, Type.SOA, DClass.IN)));
        } catch (IOException | RuntimeException e) {
            return new SmlHealth(false, zone, LookupError.SML_ZONE_QUERY_FAILED.of("zone", zone, "detail", describe(e)));
        }
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR)
            return new SmlHealth(false, zone, LookupError.SML_ZONE_RCODE.of("zone", zone, "rcode", Rcode.string(rcode)));
        Name owner = null;
        for (Record record : response.getSection(Section.ANSWER))
            if (record instanceof SOARecord && record.getName().equals(zoneName)) owner = zoneName;
        // the apex inside an enclosing zone: NOERROR without data, that zone's SOA in the authority section
        if (owner == null)
            for (Record record : response.getSection(Section.AUTHORITY))
                if (record instanceof SOARecord && zoneName.subdomain(record.getName())) owner = record.getName();
        if (owner == null)
            return new SmlHealth(false, zone, LookupError.SML_ZONE_NO_SOA.of("zone", zone));
        apexSoaOwner = owner;
        return new SmlHealth(true, zone, null);
    }

    /**
     * RFC 2308: an authoritative NXDOMAIN carries the SOA of the zone that answered. Only the SML zone's own
     * (or a zone delegated within it, or the zone its apex belongs to) proves the name does not exist there.
     */
    private boolean fromSmlZone(Message response, Name name) {
        for (Record record : response.getSection(Section.AUTHORITY)) {
            if (!(record instanceof SOARecord)) continue;
            Name owner = record.getName();
            if (owner.subdomain(zoneName) && name.subdomain(owner)) return true;
            if (apexSoaOwner == null && zoneName.subdomain(owner) && !owner.equals(zoneName)) checkZone();
            if (owner.equals(apexSoaOwner)) return true;
        }
        return false;
    }

    public String dnsName(String participantValue) {
        return ParticipantIds.smlDnsName(participantValue, zone);
    }

    public Result resolve(String participantValue) {
        String dnsName = dnsName(participantValue);
        Message response;
        Name name;
        try {
            name = Name.fromString(dnsName + ".");
            response = resolver.send(Message.newQuery(Record.newRecord(name, Type.NAPTR, DClass.IN)));
        } catch (IOException e) {
            if (timedOut(e)) return new Failed(LookupError.DNS_TIMEOUT.of("name", dnsName, "seconds", LookupFailure.seconds(timeout)));
            return new Failed(LookupError.DNS_UNREACHABLE.of("name", dnsName, "detail", describe(e)));
        } catch (RuntimeException e) {
            return new Failed(LookupError.DNS_FAILED.of("name", dnsName, "detail", describe(e)));
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            if (fromSmlZone(response, name)) return new NotFound("NXDOMAIN for " + dnsName);
            return new Failed(LookupError.NXDOMAIN_WITHOUT_SOA.of("name", dnsName, "zone", zone));
        }
        if (rcode == Rcode.SERVFAIL) return new Failed(LookupError.DNS_SERVFAIL.of("name", dnsName));
        if (rcode != Rcode.NOERROR) return new Failed(LookupError.DNS_RCODE.of("name", dnsName, "rcode", Rcode.string(rcode)));
        List<NAPTRRecord> records = new ArrayList<>();
        for (Record record : response.getSection(Section.ANSWER))
            if (record instanceof NAPTRRecord naptr && "U".equalsIgnoreCase(naptr.getFlags())
                    && "Meta:SMP".equalsIgnoreCase(naptr.getService()))
                records.add(naptr);
        if (records.isEmpty()) return new NotFound("no U-NAPTR Meta:SMP record for " + dnsName);
        records.sort(Comparator.comparingInt(NAPTRRecord::getOrder).thenComparingInt(NAPTRRecord::getPreference));
        for (NAPTRRecord record : records) {
            String url = applyRegexp(record.getRegexp(), dnsName);
            if (url != null) return new Found(url);
        }
        return new Failed(LookupError.NAPTR_UNUSABLE.of("regexp", records.get(0).getRegexp(), "name", dnsName));
    }

    /** Applies a NAPTR substitution expression such as {@code !^.*$!https://smp.example.com!} to the name. */
    static String applyRegexp(String expression, String input) {
        if (expression == null || expression.length() < 3) return null;
        char delimiter = expression.charAt(0);
        String[] parts = expression.substring(1).split(Pattern.quote(String.valueOf(delimiter)), -1);
        if (parts.length < 2) return null;
        try {
            Matcher matcher = Pattern.compile(parts[0], parts.length > 2 && parts[2].contains("i") ? Pattern.CASE_INSENSITIVE : 0).matcher(input);
            if (!matcher.find()) return null;
            String replacement = parts[1].replace("$", "\\$").replaceAll("\\\\(\\d)", "\\$$1");
            String url = matcher.replaceFirst(replacement);
            String lower = url.toLowerCase(Locale.ROOT);
            return lower.startsWith("https://") || lower.startsWith("http://") ? url : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * No answer within the timeout: dnsjava says so with a plain IOException "Timed out while trying to resolve ..."
     * (its TimeoutException is not kept as the cause), or a socket timeout.
     */
    static boolean timedOut(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause())
            if (t instanceof InterruptedIOException || t instanceof java.util.concurrent.TimeoutException
                    || (t.getMessage() != null && t.getMessage().startsWith("Timed out"))) return true;
        return false;
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
