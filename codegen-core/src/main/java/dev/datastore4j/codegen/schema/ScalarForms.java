package dev.datastore4j.codegen.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms AppSync requires of the values of its scalars that are written as text, from its
 * scalar reference: AWSDate {@code YYYY-MM-DD}, AWSTime {@code hh:mm[:ss[.fraction of 1-9
 * digits]]}, both with an optional offset ({@code Z}, {@code ±hh:mm} or {@code ±hh:mm:ss});
 * AWSDateTime a date, {@code T}, a time and an offset, which it must have; AWSJSON text holding
 * one JSON value; AWSURL an absolute URL with no {@code //} in its path; AWSIPAddress an IPv4 or
 * IPv6 address, optionally with a prefix length. AWSEmail and AWSPhone are checked loosely
 * (AppSync checks phone numbers against numbering plans, which no rule here could follow):
 * {@code local@domain} without spaces, and digits with the usual separators.
 *
 * <p>The generator checks {@code @default} values with these rules, and the sync server every
 * value it is sent. Generated Java models refuse the same AWSEmail, AWSJSON, AWSURL, AWSPhone and
 * AWSIPAddress values (the runtime's {@code ScalarRules}, which cannot depend on this module; the
 * server's {@code ScalarsTest} checks that both agree). A change that refuses a value these rules
 * took before raises the server's {@code StoredTypes.RULES}, so that servers check their stored
 * values again.
 */
public final class ScalarForms {
    private static final String DATE = "(\\d{4}-\\d{2}-\\d{2})";
    private static final String TIME = "(\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)";
    private static final String OFFSET = "(Z|[+-]\\d{2}:\\d{2}(?::\\d{2})?)";
    private static final Pattern AWS_DATE = Pattern.compile(DATE + OFFSET + "?");
    private static final Pattern AWS_TIME = Pattern.compile(TIME + OFFSET + "?");
    private static final Pattern AWS_DATE_TIME = Pattern.compile(DATE + "T" + TIME + OFFSET);
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]+");
    private static final Pattern IP_V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IP_V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final JsonFactory JSON = new JsonFactory();

    private ScalarForms() {}

    /** Whether AppSync scalar {@code scalar} has a text form checked here (every one but AWSTimestamp). */
    public static boolean isText(String scalar) {
        return switch (scalar) {
            case "AWSDate", "AWSTime", "AWSDateTime", "AWSEmail", "AWSJSON", "AWSURL", "AWSPhone", "AWSIPAddress" -> true;
            default -> false;
        };
    }

    /** Whether {@code text} is a value of {@code scalar}, one of those {@link #isText} names. */
    public static boolean isValid(String scalar, String text) {
        return switch (scalar) {
            case "AWSDate" -> temporal(AWS_DATE.matcher(text), true, false);
            case "AWSTime" -> temporal(AWS_TIME.matcher(text), false, true);
            case "AWSDateTime" -> temporal(AWS_DATE_TIME.matcher(text), true, true);
            case "AWSEmail" -> EMAIL.matcher(text).matches();
            case "AWSJSON" -> isJson(text);
            case "AWSURL" -> isUrl(text);
            case "AWSPhone" -> PHONE.matcher(text).matches() && text.chars().filter(Character::isDigit).count() >= 3;
            case "AWSIPAddress" -> isIpAddress(text);
            default -> throw new IllegalArgumentException("not an AppSync scalar written as text: " + scalar);
        };
    }

    /** Whether {@code matcher}'s text matches, and its date, time and offset groups are real ones. */
    private static boolean temporal(Matcher matcher, boolean hasDate, boolean hasTime) {
        if (!matcher.matches()) {
            return false;
        }
        try {
            int group = 1;
            if (hasDate) {
                LocalDate.parse(matcher.group(group++));
            }
            if (hasTime) {
                LocalTime.parse(matcher.group(group++));
            }
            String offset = matcher.group(group);
            if (offset != null) {
                ZoneOffset.of(offset);
            }
            return true;
        } catch (DateTimeException e) {
            return false;
        }
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

    private static boolean isUrl(String text) {
        try {
            URI url = new URI(text);
            return url.isAbsolute() && (url.getRawPath() == null || !url.getRawPath().contains("//"));
        } catch (URISyntaxException e) {
            return false;
        }
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
