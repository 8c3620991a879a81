package dev.datastore4j.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a value of a scalar must be beyond its Java type, so that a model the app builds is one the
 * server will take: the sync server refuses the same values (the code generator's {@code
 * ScalarForms} holds the same rules, as the runtime depends on no other module; the server's
 * {@code ScalarsTest} checks on every value it tries that both agree). Scalars not named here are
 * valid whenever their Java type holds them; generated code checks only those named (codegen's
 * {@code RuntimeTypes} marks them).
 */
final class ScalarRules {
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]+");
    private static final Pattern IP_V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IP_V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final JsonFactory JSON = new JsonFactory();
    private static final String YEARS = "must be within the years 0000-9999";
    private static final Instant FIRST_INSTANT = LocalDate.of(0, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant AFTER_LAST_INSTANT = LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private ScalarRules() {}

    /** What {@code value} (not null) must be and is not, or null when it is a valid {@code scalar}. */
    static String problem(Scalar scalar, Object value) {
        return switch (scalar) {
            case FLOAT -> Double.isFinite((Double) value) ? null : "must be a finite number";
            case AWS_EMAIL -> EMAIL.matcher((String) value).matches() ? null : "must be an e-mail address (local@domain)";
            case AWS_JSON -> isJson((String) value) ? null : "must hold one JSON value";
            case AWS_URL -> isUrl((URI) value) ? null : "must be an absolute URL with no // in its path";
            case AWS_PHONE -> isPhone((String) value) ? null
                    : "must be a phone number (digits, spaces, hyphens, dots, parentheses, a leading +)";
            case AWS_IP_ADDRESS -> isIpAddress((String) value) ? null
                    : "must be an IPv4 or IPv6 address, with a prefix length or without";
            case AWS_DATE -> inYears(((LocalDate) value).getYear()) ? null : YEARS;
            case AWS_DATE_TIME -> inYears(((OffsetDateTime) value).getYear()) && inYears(((OffsetDateTime) value).toInstant())
                    ? null : YEARS;
            case AWS_TIMESTAMP -> timestampProblem((Instant) value);
            default -> null;
        };
    }

    /**
     * AppSync writes a year with four digits, and the store keeps dates and times as text that
     * sorts in time order only while it does ({@code LocalDate.MAX} would be {@code
     * +999999999-12-31} and sort before every other date). An AWSDateTime is kept in UTC, so its
     * year there counts too.
     */
    private static boolean inYears(int year) {
        return year >= 0 && year <= 9999;
    }

    private static boolean inYears(Instant instant) {
        return !instant.isBefore(FIRST_INSTANT) && instant.isBefore(AFTER_LAST_INSTANT);
    }

    /** AppSync keeps an AWSTimestamp as an integer of seconds: a fraction would not survive a sync. */
    private static String timestampProblem(Instant instant) {
        if (!inYears(instant)) {
            return YEARS;
        }
        return instant.getNano() == 0 ? null
                : "must be whole seconds (an AWSTimestamp is an integer of seconds; truncatedTo(ChronoUnit.SECONDS) makes one)";
    }

    /** Whether {@code text} is one JSON value: read as tokens, without building it (half the time of a tree). */
    private static boolean isJson(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isUrl(URI url) {
        return url.isAbsolute() && (url.getRawPath() == null || !url.getRawPath().contains("//"));
    }

    private static boolean isPhone(String text) {
        return PHONE.matcher(text).matches() && text.chars().filter(Character::isDigit).count() >= 3;
    }

    private static boolean isIpAddress(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        int maxPrefix;
        Matcher v4 = IP_V4.matcher(address);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            maxPrefix = 32;
        } else if (IP_V6.matcher(address).matches()) {
            try {
                InetAddress.getByName(address); // an IPv6 literal is parsed, never looked up
            } catch (UnknownHostException e) {
                return false;
            }
            maxPrefix = 128;
        } else {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        String prefix = text.substring(slash + 1);
        return prefix.matches("\\d{1,3}") && Integer.parseInt(prefix) <= maxPrefix;
    }
}
